// The store's lock between processes: a lock file created with O_CREAT|O_EXCL|O_NOFOLLOW that names
// its holder. A second process waits with backoff for a bounded time, then reports who holds it.
// A lock whose holder died on this host is removed (under a short guard file, so two waiters can
// never both remove it and take away a fresh lock in between); release removes only our own token.

import fs from 'node:fs';
import os from 'node:os';
import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {StoreError} from './port.js';
import {io, isErrno, writeAll} from './durable-fs.js';
import type {StoreFiles} from './store-files.js';

const {O_CREAT, O_EXCL, O_WRONLY, O_RDONLY, O_NOFOLLOW} = fs.constants;

export interface LockInfo {
  readonly token: string;
  readonly pid: number;
  readonly user: string;
  readonly host: string;
  readonly startedAt: string;
}

export interface LockOptions {
  /** How long to wait for another holder; the contract's default is 5 s. */
  readonly timeoutMs: number;
  readonly user: string;
  readonly host: string;
  /** Mode of the lock file: the store's file mode, so its group can read who holds it. */
  readonly mode: number;
}

/** A lock file without content this old was left by a process that died between creating and writing it. */
const EMPTY_LOCK_GRACE_MS = 2000;
/** The break guard is held for a few system calls; one this old belongs to a dead process. */
const BREAK_GUARD_GRACE_MS = 2000;

/** Short, so a waiter notices a release between another process's back-to-back commits. */
const MAX_BACKOFF_MS = 10;

/**
 * The longest a waiter sleeps between two tries: a lock let go for this long is tried by every
 * process waiting for it (a group commit lets go of it this long between its groups, file-store.ts).
 */
export const LONGEST_RETRY_MS = 2 * MAX_BACKOFF_MS;

/**
 * Tokens held by this process, each with the bytes its lock file was written with: a lock naming our
 * own pid with any other token is a leftover.
 */
const heldTokens = new Map<string, Buffer>();

/** The lock file, the guard beside it, and the directory named when it is held (the store's, or a drill's). */
export type LockFiles = Pick<StoreFiles, 'dir' | 'lock' | 'lockBreak'>;

export async function acquireLock(files: LockFiles, options: LockOptions): Promise<LockInfo> {
  const info: LockInfo = {
    token: randomUUID(),
    pid: process.pid,
    user: options.user,
    host: options.host,
    startedAt: new Date().toISOString(),
  };
  const deadline = Date.now() + options.timeoutMs;
  let delay = 2;
  const text = Buffer.from(`${JSON.stringify(info)}\n`, 'utf8');
  for (;;) {
    if (tryCreate(files.lock, text, options.mode)) {
      heldTokens.set(info.token, text);
      return info;
    }
    const holder = readHolder(files.lock);
    if (holder === null) continue;
    if (isStale(holder, options.host)) {
      breakStale(files, holder, options.host);
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw lockedError(files, holder.info);
    await sleep(Math.min(delay + Math.random() * delay, left));
    delay = Math.min(delay * 2, MAX_BACKOFF_MS);
  }
}

export function releaseLock(files: LockFiles, info: LockInfo): void {
  const text = heldTokens.get(info.token);
  heldTokens.delete(info.token);
  if (text === undefined ? lockHolder(files.lock)?.token !== info.token : !holdsExactly(files.lock, text))
    return;
  try {
    fs.unlinkSync(files.lock);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

/** Who holds a lock file now, or null when nobody does (or it does not say yet). */
export const lockHolder = (file: string): LockInfo | null => readHolder(file)?.info ?? null;

/**
 * Whether the lock file holds exactly the bytes this process wrote into it: the same answer as
 * reading its holder's token, in one read and without parsing it. A lock file is written once, by
 * the process that created it, and the token in it is a random UUID that only this process ever
 * wrote: the file carries our token if and only if it holds our bytes. A read of a regular file
 * returns fewer bytes than asked only at its end, so one read of one byte more than ours tells both
 * its content and that nothing follows; should a read ever come back short, the lock is kept, as a
 * lock that is not ours is: stale-lock takeover clears it (this process's own leftover at once).
 */
function holdsExactly(file: string, text: Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    return io('read the lock', file, () => {
      throw error;
    });
  }
  try {
    const read = Buffer.allocUnsafe(text.length + 1);
    const length = fs.readSync(fd, read, 0, read.length, 0);
    return length === text.length && read.subarray(0, length).equals(text);
  } finally {
    fs.closeSync(fd);
  }
}

function tryCreate(file: string, text: Buffer, mode: number): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    return io('create the lock', file, () => {
      throw error;
    });
  }
  try {
    io('write the lock', file, () => {
      try {
        fs.fchmodSync(fd, mode);
        writeAll(fd, text);
      } finally {
        fs.closeSync(fd);
      }
    });
  } catch (error) {
    // A lock we created but could not fill (a full disk) must not stay behind: the next command
    // would read it as a writer that has not finished and wait for it.
    fs.rmSync(file, {force: true});
    throw error;
  }
  return true;
}

interface Holder {
  /** Null when the file has no readable content yet (or never will: its writer died). */
  readonly info: LockInfo | null;
  readonly ino: number;
  readonly ageMs: number;
}

/** The current lock, or null when it vanished while we looked. */
function readHolder(file: string): Holder | null {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    return io('read the lock', file, () => {
      throw error;
    });
  }
  try {
    const stat = fs.fstatSync(fd);
    return {info: parseInfo(fs.readFileSync(fd, 'utf8')), ino: stat.ino, ageMs: Date.now() - stat.mtimeMs};
  } finally {
    fs.closeSync(fd);
  }
}

function parseInfo(text: string): LockInfo | null {
  try {
    const value = JSON.parse(text) as Partial<LockInfo> | null;
    if (!value || typeof value.token !== 'string' || typeof value.pid !== 'number') return null;
    return {
      token: value.token,
      pid: value.pid,
      user: String(value.user ?? 'unknown'),
      host: String(value.host ?? ''),
      startedAt: String(value.startedAt ?? ''),
    };
  } catch {
    return null;
  }
}

function isStale(holder: Holder, host: string): boolean {
  const info = holder.info;
  if (!info) return holder.ageMs > EMPTY_LOCK_GRACE_MS;
  if (info.host !== host) return false;
  if (info.pid === process.pid) return !heldTokens.has(info.token);
  // A lock from before the last boot names a pid that may belong to someone else by now.
  const bootedAt = Date.now() - os.uptime() * 1000;
  if (Date.parse(info.startedAt) < bootedAt - 1000) return true;
  return !isAlive(info.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isErrno(error, 'ESRCH');
  }
}

function breakStale(files: LockFiles, seen: Holder, host: string): void {
  let guard: number;
  try {
    guard = fs.openSync(files.lockBreak, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
    clearAbandonedGuard(files.lockBreak);
    return;
  }
  try {
    // Under the guard nobody else removes the lock, and its dead holder cannot: if it is still the one
    // we judged stale (same file, same token, still stale), it is safe to remove.
    const current = readHolder(files.lock);
    const same = current !== null && current.ino === seen.ino && current.info?.token === seen.info?.token;
    if (same && isStale(current, host)) fs.unlinkSync(files.lock);
  } finally {
    fs.closeSync(guard);
    fs.unlinkSync(files.lockBreak);
  }
}

function clearAbandonedGuard(file: string): void {
  try {
    if (Date.now() - fs.lstatSync(file).mtimeMs > BREAK_GUARD_GRACE_MS) fs.unlinkSync(file);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function lockedError(files: LockFiles, info: LockInfo | null): StoreError {
  const who = info
    ? `${info.user} (pid ${info.pid}${info.host ? ` on ${info.host}` : ''}) since ${info.startedAt}`
    : 'a process that has not said who it is';
  return new StoreError(
    'StoreLocked',
    `Store ${files.dir} is locked by ${who}; wait for that command to finish and try again. If no pchat is running there, remove ${files.lock}.`,
    files.lock,
  );
}
