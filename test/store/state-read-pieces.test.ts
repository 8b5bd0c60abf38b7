// state.json, when it is the checkpoint its log names, is read in pieces and never as one buffer of
// its size: such a buffer, freed, made malloc keep up to 70 MiB it no longer used (text-pieces.ts).

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createStore, openStore} from '../../src/store/file-store.js';
import {NOW, addPolicy, message, removeDir, sampleState, tempDir} from './fixtures.js';

const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 2000};
// Three pieces and more, with characters of two, three and four bytes to cut between them.
const policies = Array.from({length: 1500}, (_, i) => `policy-${i}-é✓𝄞`);

let root: string;
let dir: string;
beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  let state = sampleState();
  for (const name of policies) state = addPolicy(state, name).state;
  await createStore(dir, state, [message(1)], options);
});
afterEach(() => {
  vi.restoreAllMocks();
  removeDir(root);
});

/** The files `fs.readFileSync` read whole while `action` ran, by path (an fd by the file it is open on). */
async function readWhole(action: () => Promise<unknown>): Promise<string[]> {
  const read: string[] = [];
  const real = fs.readFileSync.bind(fs);
  vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    read.push(typeof file === 'number' ? fs.readlinkSync(`/proc/self/fd/${file}`) : String(file));
    return (real as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync);
  await action();
  vi.restoreAllMocks();
  return read;
}

describe('state.json that is the checkpoint its log names', () => {
  it('is read in pieces, not whole, and reads as the state written', async () => {
    expect(fs.statSync(path.join(dir, 'state.json')).size).toBeGreaterThan(3 * 64 * 1024);
    let names: string[] = [];
    const read = await readWhole(async () => {
      const store = await openStore(dir, options);
      names = (await store.read()).policies.map((p) => p.identity);
      store.close();
    });
    expect(read.filter((file) => path.basename(file) === 'state.json')).toEqual([]);
    expect(names).toEqual(['Global', ...policies.map((name) => `Tag:${name}`)]);
  });

  it('is read whole and checked in full when it is not that checkpoint', async () => {
    const file = path.join(dir, 'state.json');
    // The same state, written as another text: valid, but not the bytes the log's header names.
    fs.writeFileSync(file, `${JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')))}\n`);
    let count = 0;
    const read = await readWhole(async () => {
      const store = await openStore(dir, options);
      count = (await store.read()).policies.length;
      store.close();
    });
    expect(read.filter((f) => path.basename(f) === 'state.json').length).toBeGreaterThan(0);
    expect(count).toBe(policies.length + 1);
  });
});
