// A store that committed knows where it left audit.jsonl and the state log, and its next commit
// starts from there instead of reading both ends again (file-store.ts, audit-end.ts): these tests
// change the logs between two commits of one store, as another process, an interrupted commit or
// damage would, and check that the second commit notices.

import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {underFaults} from './fault-layer.js';
import {NOW, addPolicy, message, readLinesOf, removeDir, sampleState, tempDir} from './fixtures.js';

let root: string;
let dir: string;

beforeEach(() => {
  root = tempDir();
  dir = path.join(root, 'store');
});
afterEach(() => removeDir(root));

const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 500};

const addOne = (store: FileStore, name: string): Promise<unknown> =>
  store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));

const seqs = (file: string): unknown[] => readLinesOf(file).map((e) => (e as {seq: number}).seq);

describe('the next commit of a store that has committed', () => {
  it('appends after the entries another store committed meanwhile', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    const other = await openStore(dir, options);
    await addOne(store, 'a');
    await addOne(other, 'b');
    await addOne(store, 'c');
    await addOne(store, 'd');
    expect(seqs(storeFiles(dir).audit)).toEqual([1, 2, 3, 4]);
    expect((await (await openStore(dir, options)).read()).policies.map((p) => p.identity)).toEqual([
      'Global',
      'Tag:a',
      'Tag:b',
      'Tag:c',
      'Tag:d',
    ]);
  });

  it.each(['audit', 'stateLog'] as const)(
    'cuts off bytes a commit cut short left at the end of the %s before appending',
    async (which) => {
      const store = await createStore(dir, sampleState(), [], options);
      await addOne(store, 'a');
      const files = storeFiles(dir);
      // Longer than a whole record, so that writing over it would leave some of it behind.
      fs.appendFileSync(files[which], `{"cut short":"${'x'.repeat(4000)}`);
      await addOne(store, 'b');
      for (const file of [files.audit, files.stateLog])
        expect(fs.readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
      expect(seqs(files.audit)).toEqual([1, 2]);
      expect((await (await openStore(dir, options)).read()).revision).toBe(2);
    },
  );

  it('refuses to commit when the last audit entry was damaged since, even at the same size', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await addOne(store, 'a');
    const file = storeFiles(dir).audit;
    const text = fs.readFileSync(file, 'utf8');
    // The damage comes later than the commit's own write, as it would: a file's times move by ticks.
    await sleep(30);
    fs.writeFileSync(file, `${text.slice(0, -2)}#\n`);
    await expect(addOne(store, 'b')).rejects.toMatchObject({code: 'StoreDamaged', path: file});
  });

  it('cuts a state log line cut short before its journal records the size, so one failing after the journal is undone', async () => {
    // The same commits on a second store count the writes: the one that fails is the audit entry's,
    // after the journal and before the state record (file-store.ts, steps 2-4).
    const commits = async (at: string): Promise<() => Promise<unknown>> => {
      const store = await createStore(at, sampleState(), [], options);
      await addOne(store, 'a');
      fs.appendFileSync(storeFiles(at).stateLog, '{"cut short"');
      return () =>
        store.commit((fresh) => ({
          plan: addPolicy(fresh, 'b', [{kind: 'appendMessages', messages: [message(1)]}]),
          result: null,
        }));
    };
    const counted = await underFaults(null, await commits(path.join(root, 'counted')));
    const {outcome} = await underFaults(
      {op: 'write', nth: counted.counts.write - 1, code: 'EIO'},
      await commits(dir),
    );
    expect(outcome).toMatchObject({code: 'StoreIoError'});
    expect((outcome as Error).message).toContain('Nothing was changed.');
    const store = await openStore(dir, options);
    expect((await store.read()).revision).toBe(1);
    await addOne(store, 'c');
    expect(seqs(storeFiles(dir).audit)).toEqual([1, 2]);
  });
});
