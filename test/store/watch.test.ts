import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, type FileStore} from '../../src/store/file-store.js';
import {watchStateFile, type Watch} from '../../src/store/watch.js';
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

describe('watchStateFile', () => {
  /**
   * A directory with one file, keyed by its size, watched with these intervals; `then` runs once the
   * first change to it has been reported, and the watch is stopped after it.
   */
  async function afterFirstReport(
    pollMs: number,
    restMs: number,
    then: (file: string, key: () => string, calls: () => number, watch: Watch) => Promise<void>,
  ): Promise<void> {
    const dir = path.join(root, 'watched');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'log');
    fs.writeFileSync(file, '');
    const key = (): string => String(fs.statSync(file).size);
    let calls = 0;
    const watch = watchStateFile(dir, ['log'], key, () => (calls += 1), pollMs, restMs);
    try {
      fs.appendFileSync(file, 'a\n');
      await until(() => calls === 1);
      await then(file, key, () => calls, watch);
    } finally {
      watch.stop();
    }
  }

  it('reports a change once in a rest, however many events and poll rounds come during it', () =>
    afterFirstReport(20, 60_000, async (file, key, calls, watch) => {
      // A writer going on: the events and several poll rounds pass, none reported during the rest.
      for (const line of ['b\n', 'c\n', 'd\n']) {
        fs.appendFileSync(file, line);
        await sleep(30);
      }
      expect(calls()).toBe(1);
      expect(watch.seen).not.toBe(key());
    }));

  it('looks again when the rest is over and reports what changed meanwhile, once', () =>
    afterFirstReport(60_000, 50, async (file, key, calls, watch) => {
      fs.appendFileSync(file, 'b\n');
      fs.appendFileSync(file, 'c\n');
      await until(() => calls() === 2);
      expect(watch.seen).toBe(key());
      // Watched again after the rest: the next change is reported by its event.
      await sleep(100);
      fs.appendFileSync(file, 'd\n');
      await until(() => calls() === 3);
      expect(watch.seen).toBe(key());
    }));
});
