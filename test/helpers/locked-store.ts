// A real store on disk whose lock another process holds: every commit waits briefly, then fails
// with StoreLocked. Reads still work, as they do for an operator beside a long commit.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {ChatState} from '../../src/domain/types.js';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';

export interface LockedStore {
  readonly store: FileStore;
  readonly dir: string;
  /** Releases the other process's lock. */
  release(): void;
  remove(): void;
}

/** `holder`: what the lock file says about who holds it (by default bob, on this host, now). */
export async function lockedStore(
  state: ChatState,
  holder: {user?: string; startedAt?: string} = {},
): Promise<LockedStore> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-locked-'));
  const files = storeFiles(path.join(root, 'store'));
  const options = {user: 'admin', lockTimeoutMs: 100};
  await createStore(files.dir, state, [], options);
  const lock = {
    token: 't',
    pid: process.ppid,
    user: 'bob',
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    ...holder,
  };
  fs.writeFileSync(files.lock, JSON.stringify(lock), {mode: 0o600});
  const store = await openStore(files.dir, options);
  return {
    store,
    dir: files.dir,
    release: () => fs.rmSync(files.lock, {force: true}),
    remove: () => {
      store.close();
      fs.rmSync(root, {recursive: true, force: true});
    },
  };
}
