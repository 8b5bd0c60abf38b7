import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {acquireLock, releaseLock} from '../../src/store/lock.js';
import {createStore, openStore, storeFiles, type StoreFiles} from '../../src/store/file-store.js';
import {NOW, addPolicy, removeDir, sampleState, tempDir} from './fixtures.js';

let root: string;
let files: StoreFiles;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 200};
const lockOptions = {timeoutMs: 200, user: 'admin', host: os.hostname(), mode: 0o600};

beforeEach(async () => {
  root = tempDir();
  files = storeFiles(path.join(root, 'store'));
  await createStore(files.dir, sampleState(), [], options);
});
afterEach(() => removeDir(root));

const writeLock = (holder: Record<string, unknown> | string): void =>
  fs.writeFileSync(files.lock, typeof holder === 'string' ? holder : JSON.stringify(holder));
const age = (file: string, seconds: number): void => {
  const then = new Date(Date.now() - seconds * 1000);
  fs.utimesSync(file, then, then);
};
const commitOne = async (name: string) => {
  const store = await openStore(files.dir, options);
  return store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));
};

describe('the store lock', () => {
  it('writes who holds it, with the store file mode, and removes it on release', async () => {
    const lock = await acquireLock(files, lockOptions);
    const {startedAt, ...held} = JSON.parse(fs.readFileSync(files.lock, 'utf8')) as Record<string, unknown>;
    expect(held).toEqual({token: lock.token, pid: process.pid, user: 'admin', host: os.hostname()});
    expect(Number.isNaN(Date.parse(String(startedAt)))).toBe(false);
    expect(fs.statSync(files.lock).mode & 0o777).toBe(0o600);
    releaseLock(files, lock);
    expect(fs.existsSync(files.lock)).toBe(false);
  });

  it('is not removed on release when it no longer carries our token', async () => {
    const lock = await acquireLock(files, lockOptions);
    writeLock({
      token: 'someone-else',
      pid: process.ppid,
      user: 'bob',
      host: os.hostname(),
      startedAt: new Date().toISOString(),
    });
    releaseLock(files, lock);
    expect(fs.existsSync(files.lock)).toBe(true);
  });

  it('makes a second holder wait, then fail with StoreLocked naming user, pid and time', async () => {
    const startedAt = new Date().toISOString();
    writeLock({token: 't', pid: process.ppid, user: 'bob', host: os.hostname(), startedAt});
    const error = await commitOne('blocked').catch((e: unknown) => e);
    expect(error).toMatchObject({code: 'StoreLocked', path: files.lock});
    expect((error as Error).message).toContain(`locked by bob (pid ${process.ppid}`);
    expect((error as Error).message).toContain(startedAt);
    expect(fs.existsSync(files.lock)).toBe(true);
  });

  it('gets the lock as soon as the holder releases it within the wait', async () => {
    const holder = await acquireLock(files, lockOptions);
    setTimeout(() => releaseLock(files, holder), 50);
    const outcome = await (
      await openStore(files.dir, {...options, lockTimeoutMs: 5000})
    ).commit((fresh) => ({
      plan: addPolicy(fresh, 'after-wait'),
      result: null,
    }));
    expect(outcome.revision).toBe(1);
  });

  const stale: [string, () => void][] = [
    [
      'a dead process on this host',
      () =>
        writeLock({
          token: 't',
          pid: 999_999_999,
          user: 'bob',
          host: os.hostname(),
          startedAt: new Date().toISOString(),
        }),
    ],
    [
      'this process under a token it does not hold',
      () =>
        writeLock({
          token: 't',
          pid: process.pid,
          user: 'admin',
          host: os.hostname(),
          startedAt: new Date().toISOString(),
        }),
    ],
    [
      'a process from before the last boot',
      () =>
        writeLock({
          token: 't',
          pid: process.ppid,
          user: 'bob',
          host: os.hostname(),
          startedAt: '2000-01-01T00:00:00Z',
        }),
    ],
    ['nobody: an empty lock file a few seconds old', () => (writeLock(''), age(files.lock, 10))],
  ];
  it.each(stale)('is taken over when it was left by %s', async (_name, arrange) => {
    arrange();
    expect((await commitOne('recovered')).revision).toBe(1);
    expect(fs.existsSync(files.lock)).toBe(false);
  });

  const live: [string, () => void][] = [
    [
      'a live process on this host',
      () =>
        writeLock({
          token: 't',
          pid: process.ppid,
          user: 'bob',
          host: os.hostname(),
          startedAt: new Date().toISOString(),
        }),
    ],
    [
      'a process on another host',
      () =>
        writeLock({
          token: 't',
          pid: 999_999_999,
          user: 'bob',
          host: 'other-host.example.org',
          startedAt: new Date().toISOString(),
        }),
    ],
    ['a process still writing a fresh lock file', () => writeLock('')],
  ];
  it.each(live)('is never taken from %s', async (_name, arrange) => {
    arrange();
    await expect(commitOne('blocked')).rejects.toMatchObject({code: 'StoreLocked'});
    expect(fs.existsSync(files.lock)).toBe(true);
  });

  it('clears a break guard abandoned by a dead process and then recovers the stale lock', async () => {
    fs.writeFileSync(files.lockBreak, '');
    age(files.lockBreak, 10);
    writeLock({
      token: 't',
      pid: 999_999_999,
      user: 'bob',
      host: os.hostname(),
      startedAt: new Date().toISOString(),
    });
    expect((await commitOne('recovered')).revision).toBe(1);
    expect(fs.existsSync(files.lockBreak)).toBe(false);
  });
});
