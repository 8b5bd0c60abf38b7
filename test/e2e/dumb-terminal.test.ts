// The console on TERM=dumb, in a real pseudo-terminal (script(1)): plain ASCII, no colour and no
// alternate screen, whatever the locale says. Skipped where script(1) is missing.

import {spawn, spawnSync} from 'node:child_process';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the console on a pty with `env`, presses q once it has drawn, and returns every byte it wrote. */
function consoleOutput(
  store: string,
  env: Record<string, string>,
): Promise<{status: number | null; output: string}> {
  const command = `node ${pchatBin} --store ${store}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tempDir(), ...env},
  });
  let output = '';
  let quit = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (!quit && output.includes('Pools (')) {
      quit = true;
      setTimeout(() => child.stdin.write('q'), 300);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({status, output});
    }),
  );
}

describe.skipIf(!hasScript)('the console on a dumb terminal', () => {
  let store: string;
  beforeAll(() => {
    store = path.join(tempDir(), 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
  });

  it('draws plain ASCII without colour and never switches to the alternate screen', async () => {
    const {status, output} = await consoleOutput(store, {TERM: 'dumb', LANG: 'C.UTF-8'});
    expect(output).toContain('Pools (');
    expect(status).toBe(0);
    expect(output).not.toContain('\x1b[?1049h');
    expect(output).not.toContain('\x1b[?1049l');
    expect([...output].filter((c) => c.codePointAt(0)! > 0x7f)).toEqual([]);
    // No foreground colour: ESC [ ... 3x m.
    expect(output.split('\x1b[').filter((rest) => /^[0-9;]*3[0-7]m/.test(rest))).toEqual([]);
  });

  it('keeps the alternate screen and Unicode on an ordinary terminal', async () => {
    const {status, output} = await consoleOutput(store, {TERM: 'xterm-256color', LANG: 'C.UTF-8'});
    expect(status).toBe(0);
    expect(output).toContain('\x1b[?1049h');
    expect(output).toContain('┌');
  });
});
