import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, type FileStore} from '../../src/store/file-store.js';
import {NOW, addPolicy, removeDir, sampleState, tempDir} from './fixtures.js';

let root: string;
let mine: FileStore;
let theirs: FileStore;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 500, pollIntervalMs: 20};

beforeEach(async () => {
  root = tempDir();
  mine = await createStore(path.join(root, 'store'), sampleState(), [], options);
  theirs = await openStore(path.join(root, 'store'), options);
});
afterEach(() => {
  mine.close();
  theirs.close();
  removeDir(root);
});

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await sleep(5);
};
const commit = (store: FileStore, name: string) =>
  store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));

describe('watch', () => {
  it("calls back after another store's commit, and not after its own", async () => {
    let calls = 0;
    mine.watch(() => (calls += 1));
    await commit(mine, 'own');
    // Several poll rounds: an own commit must not have been reported by any of them.
    await sleep(100);
    expect(calls).toBe(0);
    await commit(theirs, 'other');
    await until(() => calls > 0);
    expect(calls).toBe(1);
    expect((await mine.read()).revision).toBe(2);
  });

  it('stops calling back once unsubscribed or closed', async () => {
    let calls = 0;
    const stop = mine.watch(() => (calls += 1));
    let closedCalls = 0;
    mine.watch(() => (closedCalls += 1));
    stop();
    mine.close();
    await commit(theirs, 'other');
    await sleep(100);
    expect([calls, closedCalls]).toEqual([0, 0]);
  });
});
