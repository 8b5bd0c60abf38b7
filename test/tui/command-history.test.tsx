// The `:` line's history across restarts, Ctrl-R, and the completion candidates under the line.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openHistory, stateDir} from '../../src/tui/command-history.js';
import {keys} from '../helpers/keys.js';
import {demoApps} from './demo-console.js';
import {makeTempDir} from '../helpers/temp-dirs.js';

const demoApp = demoApps();
const tempState = (): string => makeTempDir('pchat-state-');
const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('the history file', () => {
  it('lives in PCHAT_STATE_DIR, else XDG_STATE_HOME/pchat, else ~/.local/state/pchat', () => {
    expect(stateDir({PCHAT_STATE_DIR: '/s', XDG_STATE_HOME: '/x'})).toBe('/s');
    expect(stateDir({XDG_STATE_HOME: '/x'})).toBe(path.join('/x', 'pchat'));
    expect(stateDir({})).toBe(path.join(os.homedir(), '.local', 'state', 'pchat'));
  });

  it('keeps lines across opens, multi-line ones whole, in a 0600 file of a 0700 directory', () => {
    const dir = path.join(tempState(), 'pchat');
    const first = openHistory(dir);
    expect(first.lines).toEqual([]);
    expect(first.append('Get-CsPersistentChatRoom')).toBeNull();
    expect(first.append('Get-CsPersistentChatPolicy |\n  Select-Object Identity')).toBeNull();
    expect(openHistory(dir).lines).toEqual([
      'Get-CsPersistentChatRoom',
      'Get-CsPersistentChatPolicy |\n  Select-Object Identity',
    ]);
    expect(mode(path.join(dir, 'history.jsonl'))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('skips a torn or damaged line and reads the rest', () => {
    const dir = tempState();
    fs.writeFileSync(path.join(dir, 'history.jsonl'), '"one"\n{not json\n42\n"two"\n"thr', {mode: 0o600});
    expect(openHistory(dir).lines).toEqual(['one', 'two']);
  });

  it('tightens a file that others could read to 0600 on the next append', () => {
    const dir = tempState();
    const file = path.join(dir, 'history.jsonl');
    fs.writeFileSync(file, '"old"\n', {mode: 0o644});
    fs.chmodSync(file, 0o644);
    openHistory(dir).append('new');
    expect(mode(file)).toBe(0o600);
  });

  it('refuses a history file that is a symbolic link, with a warning, and writes nothing through it', () => {
    const dir = tempState();
    const elsewhere = path.join(tempState(), 'target');
    fs.writeFileSync(elsewhere, '"planted"\n');
    fs.symlinkSync(elsewhere, path.join(dir, 'history.jsonl'));
    const history = openHistory(dir);
    expect(history.lines).toEqual([]);
    expect(history.warning).toMatch(/Command history is not kept: .*history\.jsonl is not a regular file/);
    expect(history.append('Get-CsPersistentChatRoom')).toBeNull();
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('"planted"\n');
  });

  it('cuts a file that has grown long back to the last 200 lines', () => {
    const dir = tempState();
    const lines = Array.from({length: 1000}, (_, i) => `Get-CsPersistentChatRoom # ${i}`);
    fs.writeFileSync(path.join(dir, 'history.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    expect(openHistory(dir).lines).toEqual(lines.slice(-200));
    expect(fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').split('\n')).toHaveLength(201);
  });
});

describe('the : line in the console', () => {
  it('recalls a line typed in an earlier console after a restart', async () => {
    const dir = tempState();
    const first = await demoApp({props: {history: openHistory(dir)}});
    await first.press(':');
    await first.type('Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"');
    await first.press(keys.enter);
    first.unmount();

    const second = await demoApp({props: {history: openHistory(dir)}});
    await second.press(':', keys.up);
    expect(second.lastFrame()).toContain(
      ':Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"_',
    );
  });

  it('searches the history with Ctrl-R, older matches with Ctrl-R again, and takes the found line with Enter', async () => {
    const dir = tempState();
    const history = openHistory(dir);
    for (const line of [
      'Get-CsPersistentChatRoom',
      'Get-CsPersistentChatPolicy',
      'Get-CsPersistentChatState',
    ])
      history.append(line);
    const app = await demoApp({props: {history: openHistory(dir)}});
    await app.press(':');
    await app.type('draft');
    await app.press(keys.ctrlR);
    await app.type('chatp');
    expect(app.lastFrame()).toContain('history search: chatp_   Get-CsPersistentChatPolicy');
    await app.press(keys.backspace);
    await app.type('r');
    expect(app.lastFrame()).toContain('history search: chatr_   Get-CsPersistentChatRoom');
    await app.type('x');
    expect(app.lastFrame()).toContain('history search: chatrx_   no match');
    await app.press(keys.esc);
    expect(app.lastFrame()).toContain(':draft_');
    await app.press(keys.ctrlR);
    await app.type('state');
    await app.press(keys.ctrlR);
    // Nothing older holds "state": the search stays on the match it has.
    expect(app.lastFrame()).toContain('Get-CsPersistentChatState');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain(':Get-CsPersistentChatState_');
    // Taken into the line, not run.
    expect(app.lastFrame()).not.toContain('Result of');
  });

  it('lists the completion candidates under the line, the one Tab takes highlighted first', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Get-CsPersistentChatRoom -');
    const frame = app.lastFrame();
    const lines = frame.split('\n');
    const prompt = lines.findIndex((l) => l.startsWith(':Get-CsPersistentChatRoom -'));
    expect(lines[prompt + 1]).toMatch(/^ 1\/\d+ -Identity {2}-PersistentChatPoolFqdn {2}-Category/);
    await app.press(keys.ctrlN);
    expect(app.lastFrame().split('\n')[prompt + 1]).toMatch(/^ 2\/\d+ -PersistentChatPoolFqdn {2}-Category/);
    await app.press(keys.tab);
    expect(app.lastFrame()).toContain(':Get-CsPersistentChatRoom -PersistentChatPoolFqdn _');
  });
});
