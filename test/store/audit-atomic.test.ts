// The state and its audit entry are one unit: the entry is made durable inside the state's record
// (the commit point), so a file size limit that stops that record stops the commit with its entry,
// and the message says that nothing was saved.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true});
});

const contents = (store: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(store)
      .filter((name) => fs.statSync(path.join(store, name)).isFile())
      .map((name) => [name, fs.readFileSync(path.join(store, name)).toString('base64')]),
  );

describe('a write whose record, with its audit entry, cannot be appended', () => {
  it('under a real ulimit -f exits 3, says nothing was saved, and leaves every file as it was', () => {
    const store = path.join(tempDir(), 's');
    dirs.push(path.dirname(store));
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const state = path.join(store, 'state.json');
    const records = path.join(store, 'state-changes.jsonl');
    // Grow the state log past state.json without growing the state: the same field, set again and again.
    const lines = Array.from(
      {length: 30},
      (_, i) => `Set-CsPersistentChatPolicy -Identity Global -Description "${'d'.repeat(900)}${i}"`,
    );
    expect(pchat(['exec', '--store', store, ...lines]).status).toBe(0);
    // sh's ulimit -f counts 512-byte blocks: room for a new state.json, not for one more record byte.
    const blocks = Math.ceil((fs.statSync(state).size + 4096) / 512);
    expect(fs.statSync(records).size).toBeGreaterThan(blocks * 512);
    const before = contents(store);
    const run = spawnSync(
      'sh',
      [
        '-c',
        `ulimit -f ${blocks}; exec "$0" "$@"`,
        process.execPath,
        pchatBin,
        'exec',
        '--store',
        store,
        'New-CsPersistentChatPolicy -Identity Tag:Z1',
      ],
      {encoding: 'utf8', env: {...process.env, PCHAT_STORE: '', CI: 'true'}},
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('Not saved');
    expect(run.stderr).toContain('state-changes.jsonl');
    expect(run.stderr).toContain('Nothing was changed');
    expect(contents(store)).toEqual(before);
    const after = pchat(['exec', '--store', store, '--json', 'Get-CsPersistentChatPolicy -Identity Tag:Z1']);
    expect(after.stderr).toContain('PolicyNotFound');
  });
});
