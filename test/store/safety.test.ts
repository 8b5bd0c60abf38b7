import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {NOW, addPolicy, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let root: string;
let dir: string;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  await createStore(dir, sampleState(), [], options);
});
afterEach(() => removeDir(root));

describe('opening a store', () => {
  it('fails with StoreNotFound and says to run pchat init when the directory is missing', async () => {
    const missing = path.join(root, 'nowhere');
    const error = await openStore(missing, options).catch((e: unknown) => e);
    expect(error).toMatchObject({code: 'StoreNotFound', path: missing});
    expect((error as Error).message).toContain('pchat init');
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('fails with StoreNotFound when the directory has no state.json, and creates nothing', async () => {
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    await expect(openStore(empty, options)).rejects.toMatchObject({code: 'StoreNotFound'});
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('follows a symbolic link to the store directory itself', async () => {
    const link = path.join(root, 'link');
    fs.symlinkSync(dir, link);
    const store = await openStore(link, options);
    expect((await store.read()).revision).toBe(0);
  });
});

describe('an unsafe store', () => {
  const unsafeCases: [string, () => string, RegExp][] = [
    ['a world-writable directory', () => (fs.chmodSync(dir, 0o777), dir), /chmod o-w/],
    [
      'a world-writable state file',
      () => (fs.chmodSync(storeFiles(dir).state, 0o606), storeFiles(dir).state),
      /chmod 600/,
    ],
    [
      'a world-writable message log',
      () => (fs.chmodSync(storeFiles(dir).messages, 0o666), storeFiles(dir).messages),
      /chmod/,
    ],
    [
      'a state file that is a symbolic link',
      () => {
        const files = storeFiles(dir);
        const real = path.join(root, 'elsewhere.json');
        fs.renameSync(files.state, real);
        fs.symlinkSync(real, files.state);
        return files.state;
      },
      /symbolic link/,
    ],
    [
      'a state file with a second hard link',
      () => {
        fs.linkSync(storeFiles(dir).state, path.join(root, 'copy.json'));
        return storeFiles(dir).state;
      },
      /2 hard links/,
    ],
  ];

  it.each(unsafeCases)(
    'is refused with StoreUnsafe when it has %s, naming the fix',
    async (_name, arrange, fix) => {
      const target = arrange();
      const error = await openStore(dir, options).catch((e: unknown) => e);
      expect(error).toMatchObject({code: 'StoreUnsafe', path: target});
      expect((error as Error).message).toMatch(fix);
    },
  );

  it('is refused at commit time too, after it became unsafe while open', async () => {
    const store = await openStore(dir, options);
    fs.chmodSync(storeFiles(dir).audit, 0o666);
    const before = snapshot(dir);
    await expect(
      store.commit((fresh) => ({plan: addPolicy(fresh, 'x'), result: null})),
    ).rejects.toMatchObject({
      code: 'StoreUnsafe',
      path: storeFiles(dir).audit,
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('does not take or follow a lock path that is a symbolic link', async () => {
    const store = await openStore(dir, options);
    const victim = path.join(root, 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    fs.symlinkSync(victim, storeFiles(dir).lock);
    await expect(
      store.commit((fresh) => ({plan: addPolicy(fresh, 'x'), result: null})),
    ).rejects.toMatchObject({
      code: 'StoreUnsafe',
    });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep me');
    expect((await store.read()).revision).toBe(0);
  });
});
