// What a commit that only appends a state record asks of the file system and builds in memory,
// beyond what its change needs (issue 12, P5): counted, not timed.

import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createStore, type FileStore} from '../../src/store/file-store.js';
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
});
