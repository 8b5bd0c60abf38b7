// Drives the built console in a real terminal (tmux), as an operator would over SSH.
// Skipped where tmux is missing. A private tmux socket keeps it away from any other session.

import {execFileSync, spawnSync} from 'node:child_process';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `pchat-e2e-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
const screen = (): string => tmux('capture-pane', '-p', '-t', 'console');
const keys = (...k: string[]): void => void tmux('send-keys', '-t', 'console', ...k);
const text = (t: string): void => void tmux('send-keys', '-t', 'console', '-l', t);

/** Polls the screen until it shows what we wait for; the deadline only bounds a hung console. */
async function waitForScreen(predicate: (s: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    last = screen();
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The console never showed ${what}. Last screen:\n${last}`);
}

describe.skipIf(!hasTmux)('the console in a real terminal', () => {
  let store: string;

  beforeAll(() => {
    store = path.join(tempDir(), 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    // Any CI variable (even empty) makes Ink paint only the last frame; a terminal user has none.
    const command = `env -u CI -u NODE_ENV node ${pchatBin} --store ${store}; echo PCHAT-EXIT=$?; sleep 60`;
    tmux('new-session', '-d', '-s', 'console', '-x', '100', '-y', '30', command);
  });

  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  it('opens on the pools, shows the standby servers, makes chat5 active in place of chat4, and quits cleanly', async () => {
    await waitForScreen(
      (s) => s.includes('Pools (2/2)') && s.includes('pc1.dc1.example.org'),
      'the Pools pane',
    );

    keys('2');
    let s = await waitForScreen((s) => s.includes('chat8.dc2.example.org'), 'the active servers');
    expect(s).toMatch(/chat5\.dc2\.example\.org.*standby/);

    keys(':');
    text(
      'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -ActiveServers @{Remove="chat4.dc1.example.org"; Add="chat5.dc2.example.org"}',
    );
    keys('Enter');
    await waitForScreen((s) => s.includes('ActiveServerFarFromDatabase'), 'the proximity warning');
    keys('Escape');
    keys('2');
    s = await waitForScreen((s) => /chat5\.dc2\.example\.org.*active/.test(s), 'chat5 active');
    expect(s).toMatch(/chat4\.dc1\.example\.org.*standby/);

    keys('q');
    s = await waitForScreen((s) => s.includes('PCHAT-EXIT='), 'the console exiting');
    expect(s).toContain('PCHAT-EXIT=0');
    // The alternate screen is gone: the shell's screen is back, without the console's frame.
    expect(s).not.toContain('Pools (2/2)');

    const audit = pchat(['exec', '--store', store, '--json', 'Get-PcAuditEntry -Last 1']);
    const [[entry]] = audit.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown[]) as [[{Command: string; Via: string; Warnings: string[]}]];
    expect(entry.Command).toContain('Set-CsPersistentChatActiveServer');
    expect(entry.Via).toBe('console');
    expect(entry.Warnings).toContain('ActiveServerFarFromDatabase');
  });
});
