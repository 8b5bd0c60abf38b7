// What a commit that only appends a state record asks of the file system and builds in memory,
// beyond what its change needs (issue 12, P5): counted, not timed.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {NOW, addPolicy, removeDir, sampleState, tempDir} from './fixtures.js';

let root: string;
let dir: string;

beforeEach(() => {
  root = tempDir();
  dir = path.join(root, 'store');
});
afterEach(() => {
  vi.restoreAllMocks();
  removeDir(root);
});

const options = {now: () => NOW, user: 'admin'};

const addOne = (store: FileStore, name: string): Promise<unknown> =>
  store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));

/** The calls of `name` made while `task` runs: the path or descriptor of each, and whether it threw. */
async function callsOf(
  name: 'lstatSync' | 'fstatSync',
  task: () => Promise<unknown>,
): Promise<{target: unknown; threw: boolean}[]> {
  const calls: {target: unknown; threw: boolean}[] = [];
  const original = fs[name] as (...args: unknown[]) => unknown;
  vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
    try {
      const result = original(...args);
      calls.push({target: args[0], threw: false});
      return result;
    } catch (error) {
      calls.push({target: args[0], threw: true});
      throw error;
    }
  }) as never);
  try {
    await task();
  } finally {
    vi.mocked(fs[name]).mockRestore();
  }
  return calls;
}

describe('a commit that appends a state record', () => {
  it('takes the ports of its store as made once: the line asks for them when planned and when committed', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    try {
      expect(store.ports()).toBe(store.ports());
      // Each member still reads the store as it is when called.
      await addOne(store, 'a');
      expect([...store.ports().audit.scan({})].map((e) => e.seq)).toEqual([1]);
    } finally {
      store.close();
    }
  });

  it('finds a folder not made yet (exports/) without an exception thrown and caught', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    try {
      fs.rmSync(storeFiles(dir).exports, {recursive: true, force: true});
      const calls = await callsOf('lstatSync', () => addOne(store, 'a'));
      expect(calls.some((c) => c.target === storeFiles(dir).exports)).toBe(true);
      expect(calls.filter((c) => c.threw)).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('stats state.json once under the lock, and does not ask the logs their sizes again before writing at their ends', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    const files = storeFiles(dir);
    try {
      await addOne(store, 'a');
      const lstats = await callsOf('lstatSync', () => addOne(store, 'b'));
      expect(lstats.filter((c) => c.target === files.state)).toHaveLength(1);
      // The state log's stat for the state's key comes from the file written, once.
      expect(lstats.filter((c) => c.target === files.stateLog)).toHaveLength(1);
      const fstats = await callsOf('fstatSync', () => addOne(store, 'c'));
      expect(fstats).toHaveLength(1);
      // And the commits landed whole, one after the other.
      expect([...store.ports().audit.scan({})].map((e) => e.seq)).toEqual([1, 2, 3]);
      expect((await store.read()).policies.map((p) => p.identity)).toEqual([
        'Global',
        'Tag:a',
        'Tag:b',
        'Tag:c',
      ]);
    } finally {
      store.close();
    }
  });
});
