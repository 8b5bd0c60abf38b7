// What pchat writes to standard error echoes the operator's input: it reaches the terminal escaped.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {pchat, tempDir} from '../helpers/pchat-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true});
});

describe('standard error', () => {
  it('escapes control characters a usage error echoes back', () => {
    const store = path.join(tempDir(), 's');
    dirs.push(path.dirname(store));
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const run = pchat(['drill', 'failover', '--store', store, '--pool', 'a\u001b[2Jb']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"a^[[2Jb" is not a Persistent Chat pool.');
    expect(run.stderr).not.toContain('\u001b');
  });

  it('escapes them in the store path that init reports on standard output', () => {
    const root = tempDir();
    dirs.push(root);
    const run = pchat(['init', '--store', path.join(root, 'a\u001b[2Jb')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('a^[[2Jb');
    expect(run.stdout).not.toContain('\u001b');
  });

  it('escapes them in a store path that cannot be opened', () => {
    const run = pchat([
      'exec',
      '--store',
      path.join(tempDir(), 'no\u001b]52;c;aGk=\u0007such'),
      'Get-CsPersistentChatState',
    ]);
    expect(run.status).toBe(3);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('\u0007');
    expect(run.stderr).toContain('no^[]52;c;aGk=^Gsuch');
  });

  // What a member of the store's group can write into the lock file: a clipboard write (OSC 52), a
  // screen clear and a bell.
  const hostile = '\u001b]52;c;aGk=\u0007\u001b[2J\u001b[H';

  it('escapes the user, host and start time that a lock file names', () => {
    const store = path.join(tempDir(), 's');
    dirs.push(path.dirname(store));
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const holder = {
      token: 't',
      // This test's own process: alive, so the lock is not taken for a dead one's.
      pid: process.pid,
      user: `bob${hostile}`,
      host: os.hostname(),
      startedAt: `2026-01-01${hostile}`,
    };
    fs.writeFileSync(path.join(store, 'state.json.lock'), JSON.stringify(holder), {mode: 0o600});
    const run = pchat(['exec', '--store', store, 'New-CsPersistentChatPolicy -Identity X']);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('locked by bob^[]52;c;aGk=^G^[[2J^[[H (pid');
    expect(run.stderr).toContain('since 2026-01-01^[]52');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('\u0007');
  });

  it('escapes the source text that a JSON syntax error in the deployment file quotes', () => {
    const root = tempDir();
    dirs.push(root);
    const from = path.join(root, 'deployment.json');
    fs.writeFileSync(from, `{"sipDomains": [${hostile}]}`);
    const run = pchat(['init', '--store', path.join(root, 's'), '--from', from]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not valid JSON');
    expect(run.stderr).toContain('^[]52;c;aGk');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('\u0007');
  });
});
