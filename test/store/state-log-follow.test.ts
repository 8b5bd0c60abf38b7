// A reader that holds a state goes on by the records written since, whenever they say the state:
// wherever its reads fall between a checkpoint's two renames, and however long those are apart. A
// state.json replaced otherwise is still read whole. Reading whole makes every object of the state
// new, so `topology` being the very object held before shows that it was not.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, it, vi} from 'vitest';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {serializeState, sha256} from '../../src/store/state-file.js';
import {headerLine} from '../../src/store/state-log.js';
import {NOW, addPolicy, message, removeDir, sampleState, tempDir} from './fixtures.js';

const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 2000};

let root: string;
let dir: string;

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  await createStore(dir, sampleState(), [message(1)], options);
});
afterEach(() => {
  vi.restoreAllMocks();
  removeDir(root);
});

const commit = (store: FileStore, name: string) =>
  store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));

/**
 * A checkpoint of the writer's state made by hand, as checkpoint.ts makes one (the new log keeps the
 * old one's records), so that reads can fall between its two renames. Returns the two renames.
 */
async function checkpointByHand(writer: FileStore): Promise<{state: () => void; log: () => void}> {
  const files = storeFiles(dir);
  const state = await writer.read();
  const text = serializeState(state);
  const header = headerLine({revision: state.revision, sha256: sha256(text), bytes: Buffer.byteLength(text)});
  const records = fs.readFileSync(files.stateLog, 'utf8').split('\n').slice(1).join('\n');
  fs.writeFileSync(`${files.state}.next`, text, {mode: 0o600});
  fs.writeFileSync(`${files.stateLog}.next`, header + records, {mode: 0o600});
  return {
    state: () => fs.renameSync(`${files.state}.next`, files.state),
    log: () => fs.renameSync(`${files.stateLog}.next`, files.stateLog),
  };
}

const coldRead = async () => (await openStore(dir, options)).read();

it('a store that follows with a watch, reading after the first rename of a checkpoint and long before the second, goes on by the records of the log it holds', async () => {
  const writer = await openStore(dir, options);
  const follower = await openStore(dir, options);
  const stop = follower.watch(() => undefined);
  const before = await follower.read();
  for (const name of ['a', 'b', 'c']) await commit(writer, name);
  const renames = await checkpointByHand(writer);
  renames.state();
  const between = await follower.read();
  expect(between.revision).toBe(3);
  expect(between.policies.map((p) => p.identity)).toEqual(['Global', 'Tag:a', 'Tag:b', 'Tag:c']);
  expect(between.topology).toBe(before.topology);
  renames.log();
  await commit(writer, 'd');
  const after = await follower.read();
  expect(after).toEqual(await coldRead());
  expect(after.revision).toBe(4);
  expect(after.topology).toBe(before.topology);
  stop();
  writer.close();
  follower.close();
});

it('a store that reads while a checkpoint replaces both files goes on by the records of the new log', async () => {
  const files = storeFiles(dir);
  const writer = await openStore(dir, options);
  const reader = await openStore(dir, options);
  const before = await reader.read();
  for (const name of ['a', 'b', 'c']) await commit(writer, name);
  const renames = await checkpointByHand(writer);
  // Both renames come while the reader reads the log it read before: it reads that log's records,
  // then finds another log and another state.json.
  const readSync = fs.readSync;
  vi.spyOn(fs, 'readSync').mockImplementationOnce((...args: Parameters<typeof fs.readSync>) => {
    renames.state();
    renames.log();
    return readSync(...args);
  });
  const after = await reader.read();
  expect(fs.readSync).toHaveBeenCalled();
  expect(fs.existsSync(`${files.stateLog}.next`)).toBe(false);
  expect(after).toEqual(await coldRead());
  expect(after.revision).toBe(3);
  expect(after.topology).toBe(before.topology);
  writer.close();
  reader.close();
});

it('a store that follows with a watch reads whole a state.json replaced beside the log it holds by one that is not its checkpoint', async () => {
  const files = storeFiles(dir);
  const writer = await openStore(dir, options);
  const follower = await openStore(dir, options);
  const stop = follower.watch(() => undefined);
  await follower.read();
  for (const name of ['a', 'b', 'c']) await commit(writer, name);
  const held = await follower.read();
  // Another state at another revision, as a restore writes before it replaces the log.
  const restored = {...held, revision: 4, policies: held.policies.slice(0, 1)};
  fs.writeFileSync(`${files.state}.next`, serializeState(restored), {mode: 0o600});
  fs.renameSync(`${files.state}.next`, files.state);
  const after = await follower.read();
  expect(after).toEqual(await coldRead());
  expect(after.revision).toBe(4);
  expect(after.policies.map((p) => p.identity)).toEqual(['Global']);
  stop();
  writer.close();
  follower.close();
});
