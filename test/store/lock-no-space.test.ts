// A lock that cannot be written (no space, or a file size limit) must fail the command as a store
// failure and leave no empty lock behind for the next command to wait on.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {fingerprint, pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true});
});

describe('taking the lock when nothing more can be written', () => {
  it('exits 3 naming the lock, leaves no lock file and changes nothing', () => {
    const store = path.join(tempDir(), 's');
    dirs.push(path.dirname(store));
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const before = fingerprint(store);
    // `ulimit -f 0` makes the first byte written to any file fail with EFBIG, as a full disk fails with ENOSPC.
    const run = spawnSync(
      'sh',
      [
        '-c',
        'ulimit -f 0; exec "$0" "$@"',
        process.execPath,
        pchatBin,
        'exec',
        '--store',
        store,
        'New-CsPersistentChatPolicy -Identity X',
      ],
      {encoding: 'utf8', env: {...process.env, PCHAT_STORE: '', CI: 'true'}},
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('could not write the lock');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(store, 'state.json.lock'))).toBe(false);
    expect(fingerprint(store)).toBe(before);
    expect(pchat(['exec', '--store', store, 'New-CsPersistentChatPolicy -Identity X']).status).toBe(0);
  });
});
