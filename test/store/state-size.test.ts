// A store never writes a state it could not read back, says "damaged" only of a damaged file, and
// can always be opened far enough to list and restore its backups.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {pchat, tempDir as processTempDir} from '../helpers/pchat-process.js';
import {NOW, audit, message, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let root: string;
let dir: string;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  await createStore(dir, sampleState(), [message(1)], options);
});
afterEach(() => removeDir(root));

describe('a commit that would make state.json larger than the store reads', () => {
  it('is refused before anything is written, saying how large it would be and the limit', async () => {
    const files = storeFiles(dir);
    const maxBytes = fs.statSync(files.state).size + 2000;
    const store = await openStore(dir, {...options, limits: {maxBytes, maxDepth: 64}});
    const before = snapshot(dir);
    const error = await store
      .commit((fresh) => ({
        plan: {
          state: {
            ...fresh,
            policies: [
              ...fresh.policies,
              {identity: 'Tag:big', description: 'x'.repeat(5000), enablePersistentChat: true, rev: 0},
            ],
          },
          effects: [],
          audit: audit('New-CsPersistentChatPolicy -Identity Tag:big'),
        },
        result: null,
      }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({code: 'StoreTooLarge', path: files.state});
    expect((error as Error).message).toMatch(/^Not saved: .* \d+ bytes, more than the \d+ bytes/);
    expect((error as Error).message).toContain('Nothing was changed');
    expect(snapshot(dir)).toEqual(before);
    expect((await store.read()).revision).toBe(0);
  });
});

describe('a state.json over the read limit', () => {
  it('is called too large with its size and the limit, not damaged', async () => {
    const files = storeFiles(dir);
    const size = fs.statSync(files.state).size;
    const error = await openStore(dir, {...options, limits: {maxBytes: size - 1, maxDepth: 64}}).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({code: 'StoreTooLarge', path: files.state});
    expect((error as Error).message).toContain(`${size} bytes, more than the limit of ${size - 1}`);
    expect((error as Error).message).not.toMatch(/damaged/);
  });
});

describe('a store whose state.json cannot be read', () => {
  const demoWithBackup = (): string => {
    const store = path.join(processTempDir(), 's');
    root = path.dirname(store);
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const swap =
      'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -Swap';
    expect(pchat(['exec', '--store', store, '--yes', swap]).status).toBe(0);
    return store;
  };

  it.each([
    // Valid JSON padded past the 64 MiB limit: too large, not damaged.
    ['over the size limit', (): Buffer => Buffer.from(`{${' '.repeat(64 * 1024 * 1024)}}`), /too large/],
    ['damaged', (): Buffer => Buffer.from('{"bad'), /damaged/],
  ])('when it is %s still lists and restores its backups, and refuses everything else', (_n, bytes, said) => {
    const store = demoWithBackup();
    fs.writeFileSync(path.join(store, 'state.json'), bytes());
    const other = pchat(['exec', '--store', store, 'Get-CsPersistentChatPolicy']);
    expect(other.status).toBe(3);
    expect(other.stderr).toMatch(said);
    expect(other.stderr).toContain('Restore-PcBackup');
    const list = pchat(['exec', '--store', store, '--json', 'Get-PcBackup']);
    expect(list.status).toBe(0);
    const backups = JSON.parse(list.stdout) as {Identity: string}[];
    expect(backups).toHaveLength(1);
    const restore = pchat([
      'exec',
      '--store',
      store,
      `Restore-PcBackup ${backups[0]!.Identity} -Confirm:$false`,
    ]);
    expect(restore.status).toBe(0);
    expect(pchat(['exec', '--store', store, 'Get-CsPersistentChatPolicy']).status).toBe(0);
    // The unreadable file is kept, as the backup taken before the restore.
    const kept = JSON.parse(pchat(['exec', '--store', store, '--json', 'Get-PcBackup']).stdout) as unknown[];
    expect(kept).toHaveLength(2);
  });
});
