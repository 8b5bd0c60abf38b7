// backups/ is the store's own folder: a symbolic link there would carry copies of the state and the
// chat history out of the store (and let a commit sweep temp files in someone else's folder).

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {NOW, addPolicy, message, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let root: string;
let dir: string;
let outside: string;
let store: FileStore;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  outside = path.join(root, 'elsewhere');
  await createStore(dir, sampleState(), [message(1)], options);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'notes.tmp'), 'not the store’s');
  fs.rmSync(storeFiles(dir).backups, {recursive: true});
  fs.symlinkSync(outside, storeFiles(dir).backups);
  store = await openStore(dir, options);
});
afterEach(() => {
  store.close();
  removeDir(root);
});

/** The store's own files and the link's target: snapshot() would follow the link. */
const everything = (): unknown => ({
  store: Object.fromEntries(
    ['state.json', 'messages.jsonl', 'audit.jsonl'].map((name) => [
      name,
      fs.readFileSync(path.join(dir, name), 'utf8'),
    ]),
  ),
  names: fs.readdirSync(dir).sort(),
  outside: snapshot(outside),
});

describe('a backups folder that is a symbolic link', () => {
  it('is refused by a commit that takes a backup, which writes nothing on either side', async () => {
    const before = everything();
    const error = await store
      .commit((fresh) => ({plan: addPolicy(fresh, 'x', [{kind: 'backup', reason: 'before'}]), result: null}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({code: 'StoreUnsafe', path: storeFiles(dir).backups});
    expect((error as Error).message).toMatch(/symbolic link/);
    expect(everything()).toEqual(before);
  });

  it('is refused when the backups are listed', () => {
    expect(() => store.ports().backups.list()).toThrow(
      expect.objectContaining({code: 'StoreUnsafe', path: storeFiles(dir).backups}),
    );
  });

  it('is refused by pchat init --force, which would keep the old store there', async () => {
    await expect(createStore(dir, sampleState(), [], {...options, force: true})).rejects.toMatchObject({
      code: 'StoreUnsafe',
      path: storeFiles(dir).backups,
    });
    expect(fs.readdirSync(outside)).toEqual(['notes.tmp']);
  });

  it('is left alone by a commit that needs no backup, and its target too', async () => {
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'x'), result: null}));
    expect(fs.readdirSync(outside)).toEqual(['notes.tmp']);
    expect(fs.lstatSync(storeFiles(dir).backups).isSymbolicLink()).toBe(true);
  });
});
