// What every way into the store goes through: its options, the safety checks on its files, and
// the lock, under which a commit cut short by a crash is finished (or undone) before anything else.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {StoreError} from './port.js';
import type {DecodeLimits} from './decode.js';
import {damaged} from './decode.js';
import {recoverJournal} from './journal.js';
import {acquireLock, releaseLock, type LockInfo, type LockOptions} from './lock.js';
import {io} from './durable-fs.js';
import {checkFile, lstatBigOrNull, lstatOrNull} from './safety.js';
import type {DurableStateFile} from './state-file.js';
import {isTempName, STATE_LOG_NAME, type StoreFiles} from './store-files.js';

export interface FileStoreOptions {
  /** How long a commit waits for another process's lock before StoreLocked; default 5 s. */
  readonly lockTimeoutMs?: number;
  /** Who the lock file names; default the OS user and host. */
  readonly user?: string;
  readonly host?: string;
  readonly now?: () => Date;
  /** The stat poll behind fs.watch; default 1 s. */
  readonly pollIntervalMs?: number;
  readonly keepBackups?: number;
  readonly limits?: DecodeLimits;
  /** Read size for the message and audit logs; small values are for tests. */
  readonly chunkBytes?: number;
  /** The state log grows to at least this many bytes before a checkpoint; small values are for tests. */
  readonly checkpointBytes?: number;
  /** A removal from a message log smaller than this writes the log whole (default 1 MiB); 0 is for tests. */
  readonly rewriteLogBelowBytes?: number;
  /** The share of the message log removed (its removal records counted) past which it is compacted; default 1/8. */
  readonly compactShare?: number;
}

const osUser = (): string => {
  try {
    return os.userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
};

export const lockOptionsFor = (options: FileStoreOptions, mode: number): LockOptions => ({
  timeoutMs: options.lockTimeoutMs ?? 5000,
  user: options.user ?? osUser(),
  host: options.host ?? os.hostname(),
  mode,
});

/**
 * A journal or temp files beside state.json: a commit was cut short. backups/ and exports/ are not
 * looked at: a leftover temp there changes nothing a reader sees, the next commit sweeps it, and an
 * operator who may not read those folders can still use everything else.
 */
export function leftBehind(files: StoreFiles): boolean {
  if (lstatOrNull(files.journal) !== null) return true;
  return io('read the folder', files.dir, () => fs.readdirSync(files.dir)).some(isTempName);
}

/**
 * Returns audit.jsonl's stat, which a commit under the lock compares with what it left (audit-end.ts),
 * and state.json's, which the state's read under the same lock takes instead of another (state-file.ts).
 */
export function checkStoreFiles(files: StoreFiles, mode: number): {state: fs.BigIntStats; audit: fs.Stats} {
  const present = <S extends fs.Stats | fs.BigIntStats>(file: string, stat: S | null): S => {
    if (stat === null) throw damaged(file, 'it is missing');
    checkFile(file, stat, mode);
    return stat;
  };
  const state = present(files.state, lstatBigOrNull(files.state));
  present(files.messages, lstatOrNull(files.messages));
  const audit = present(files.audit, lstatOrNull(files.audit));
  // Only a store that has had a removal since its log was last written whole has one.
  const removals = lstatOrNull(files.removals);
  if (removals !== null) checkFile(files.removals, removals, mode);
  return {state, audit};
}

/**
 * `stateRevision`: what recovery takes for the state's revision; by default state.json must be
 * readable, a restore onto an unreadable one passes revisionOrNull.
 */
export async function withLock<T>(
  files: StoreFiles,
  stateFile: DurableStateFile,
  lockOptions: LockOptions,
  task: (token: string) => Promise<T>,
  stateRevision: () => number | null = () => stateFile.readSync().revision,
): Promise<T> {
  const lock = await takeLock(files, lockOptions, stateRevision);
  try {
    return await task(lock.token);
  } finally {
    releaseLock(files, lock);
  }
}

/** The lock, with a commit that was cut short settled first; the caller releases it (releaseLock). */
export async function takeLock(
  files: StoreFiles,
  lockOptions: LockOptions,
  stateRevision: () => number | null,
): Promise<LockInfo> {
  const lock = await acquireLock(files, lockOptions);
  try {
    recoverJournal(files, stateRevision);
    return lock;
  } catch (error) {
    releaseLock(files, lock);
    throw error;
  }
}

/** The state's revision, or null when state.json cannot be read (it is then nobody's new state). */
export function revisionOrNull(stateFile: DurableStateFile): number | null {
  try {
    return stateFile.readSync().revision;
  } catch (error) {
    if (isUnreadableState(error, stateFile.file)) return null;
    throw error;
  }
}

/** The state cannot be read: its checkpoint (`stateFile`) or the state log beside it is damaged or too large. */
export const isUnreadableState = (error: unknown, stateFile: string): boolean =>
  error instanceof StoreError &&
  (error.path === stateFile || error.path === path.join(path.dirname(stateFile), STATE_LOG_NAME)) &&
  (error.code === 'StoreDamaged' || error.code === 'StoreTooLarge');

/** A crashed commit is finished before reading; an operator who may not write reads what is there. */
export async function recoverForReading(
  files: StoreFiles,
  stateFile: DurableStateFile,
  lockOptions: LockOptions,
): Promise<void> {
  try {
    await withLock(
      files,
      stateFile,
      lockOptions,
      () => Promise.resolve(),
      () => revisionOrNull(stateFile),
    );
  } catch (error) {
    if (!(error instanceof StoreError) || (error.code !== 'StoreIoError' && error.code !== 'StoreLocked'))
      throw error;
  }
}
