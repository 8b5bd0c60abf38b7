// What pchat writes to standard error echoes the operator's input: it reaches the terminal escaped.

import fs from 'node:fs';
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
});
