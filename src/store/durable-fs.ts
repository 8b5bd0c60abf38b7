// The few file operations the store is built from, each durable and each refusing to follow links.
// Every new file is created exclusively (O_EXCL|O_NOFOLLOW) with a caller-chosen mode, so a planted
// file or symbolic link is never written through, and a store's mode never drifts with the umask.

import fs from 'node:fs';
import path from 'node:path';
import {StoreError} from './port.js';

const {O_CREAT, O_EXCL, O_WRONLY, O_RDONLY, O_NOFOLLOW} = fs.constants;

/**
 * The calls through which the store writes, flushes, truncates, renames and links its files. Tests
 * replace members to fail the Nth call or to drop what was not flushed (test/store/fault-layer.ts);
 * the store itself never changes them.
 */
export const storeIo = {
  write: (fd: number, bytes: Uint8Array, offset: number, length: number, position: number | null): number =>
    fs.writeSync(fd, bytes, offset, length, position),
  fsync: (fd: number): void => fs.fsyncSync(fd),
  truncate: (fd: number, size: number): void => fs.ftruncateSync(fd, size),
  rename: (from: string, to: string): void => fs.renameSync(from, to),
  link: (from: string, to: string): void => fs.linkSync(from, to),
};

/** Mode and owner a replacement file takes over from the file it replaces. */
export interface FileOwner {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

const errnoOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

export const isErrno = (error: unknown, ...codes: string[]): boolean => codes.includes(errnoOf(error) ?? '');

/** Runs a file operation; an OS error becomes a StoreError that names the operation, the path and the cause. */
export function io<T>(what: string, target: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = errnoOf(error);
    if (code === undefined) throw error;
    if (code === 'ELOOP')
      throw new StoreError(
        'StoreUnsafe',
        `${target} is a symbolic link; the store does not follow links. Remove it.`,
        target,
      );
    if (code === 'EEXIST')
      throw new StoreError(
        'StoreUnsafe',
        `${target} exists already and the store will not overwrite it. Remove it.`,
        target,
      );
    const reason = error instanceof Error ? error.message : String(error);
    const reading = /^(read|open|inspect)/.test(what);
    const hint =
      code === 'ENOSPC' || code === 'EDQUOT'
        ? ' The disk is full; free space and run the command again.'
        : code === 'EACCES' || code === 'EPERM'
          ? " Check the file's owner and mode, and that you are in the store's group."
          : '';
    throw new StoreError(
      'StoreIoError',
      `${reading ? '' : 'Not saved: '}could not ${what} ${target} (${reason}).${hint}`,
      target,
    );
  }
}

export const ownerOf = (file: string): FileOwner => {
  const stat = io('read the mode of', file, () => fs.lstatSync(file));
  return {mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid};
};

/** Exact mode regardless of umask; the owner too when we may (root, or our own file), else kept as created. */
export function applyOwner(fd: number, owner: FileOwner): void {
  fs.fchmodSync(fd, owner.mode);
  try {
    fs.fchownSync(fd, owner.uid, owner.gid);
  } catch (error) {
    if (!isErrno(error, 'EPERM', 'EINVAL')) throw error;
  }
}

export function writeAll(fd: number, data: string | Uint8Array, position?: number): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let written = 0;
  while (written < bytes.length) {
    const at = position === undefined ? null : position + written;
    written += storeIo.write(fd, bytes, written, bytes.length - written, at);
  }
  return written;
}

export const createExclusive = (file: string, owner: FileOwner): number =>
  io('create', file, () => {
    const fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, owner.mode & 0o777);
    applyOwner(fd, owner);
    return fd;
  });

/** A new file with this content, fsynced; refuses to replace anything. */
export function writeNewFile(file: string, data: string | Uint8Array, owner: FileOwner): void {
  const fd = createExclusive(file, owner);
  try {
    io('write', file, () => {
      writeAll(fd, data);
      storeIo.fsync(fd);
    });
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename or an unlink in `dir` survive a power loss. */
export function fsyncDir(dir: string): void {
  io('flush the directory', dir, () => {
    const fd = fs.openSync(dir, O_RDONLY);
    try {
      storeIo.fsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

export function renameDurably(from: string, to: string): void {
  io('replace', to, () => storeIo.rename(from, to));
  fsyncDir(path.dirname(to));
}

/** Removes `file` (one already gone is fine) and makes that survive a power loss. */
export function removeDurably(file: string): void {
  io('remove', file, () => {
    try {
      fs.unlinkSync(file);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  });
  fsyncDir(path.dirname(file));
}

/**
 * Cuts `file` back to `sizeBefore` and writes `data` there, then fsyncs. Doing it at a fixed offset
 * (not O_APPEND) makes it safe to repeat after a crash: the second run writes the same bytes again.
 */
export function writeAtDurably(file: string, sizeBefore: number, data: string | Uint8Array): void {
  writeAt(file, sizeBefore, data, true);
}

/** writeAtDurably without the fsync (`flush` false): for bytes that another durable file already holds. */
export function writeAt(file: string, sizeBefore: number, data: string | Uint8Array, flush = false): void {
  writeThrough(file, sizeBefore, data, {flush, atEnd: false, statAfter: false});
}

/**
 * writeAt for a file the caller found, under the store's lock, to end at `end` (a commit's log ends,
 * commit-plan.ts: cut back to them, or found there): nothing runs past it to cut, so its size is not
 * asked again. Only holders of the lock write the logs, and nothing else in the commit writes this
 * one in between. `statAfter`: returns the file's stat once written (the state's key, state-file.ts),
 * from the file written, not its name.
 */
export function writeAtEnd(
  file: string,
  end: number,
  data: string | Uint8Array,
  how: {readonly flush: boolean; readonly statAfter: boolean},
): fs.BigIntStats | null {
  return writeThrough(file, end, data, {...how, atEnd: true});
}

function writeThrough(
  file: string,
  sizeBefore: number,
  data: string | Uint8Array,
  how: {readonly flush: boolean; readonly atEnd: boolean; readonly statAfter: boolean},
): fs.BigIntStats | null {
  return io('append to', file, () => {
    const fd = fs.openSync(file, O_WRONLY | O_NOFOLLOW);
    try {
      // A file already that long is not cut: cutting it to its own size would only touch its times.
      if (!how.atEnd && fs.fstatSync(fd).size !== sizeBefore) storeIo.truncate(fd, sizeBefore);
      writeAll(fd, data, sizeBefore);
      if (how.flush) storeIo.fsync(fd);
      return how.statAfter ? fs.fstatSync(fd, {bigint: true}) : null;
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** Makes what was written to `file` without an fsync survive a power loss. */
export function fsyncFile(file: string): void {
  io('flush', file, () => {
    const fd = fs.openSync(file, O_WRONLY | O_NOFOLLOW);
    try {
      storeIo.fsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** Cuts `file` back to `size` and fsyncs; a file no longer than that is left alone (not even its mtime). */
export function truncateDurably(file: string, size: number): void {
  io('cut back', file, () => {
    const fd = fs.openSync(file, O_WRONLY | O_NOFOLLOW);
    try {
      if (fs.fstatSync(fd).size <= size) return;
      storeIo.truncate(fd, size);
      storeIo.fsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** Copies `from` into a new file `to` chunk by chunk (bounded memory), fsynced. Returns the bytes copied. */
export function copyNewFile(
  from: string,
  to: string,
  owner: FileOwner,
  appendix?: string | Uint8Array,
): number {
  const source = io('open', from, () => fs.openSync(from, O_RDONLY | O_NOFOLLOW));
  const target = createExclusive(to, owner);
  try {
    return io('copy into', to, () => {
      const buffer = Buffer.allocUnsafe(1 << 20);
      let total = 0;
      for (
        let n = fs.readSync(source, buffer, 0, buffer.length, null);
        n > 0;
        n = fs.readSync(source, buffer, 0, buffer.length, null)
      )
        total += writeAll(target, buffer.subarray(0, n));
      if (appendix !== undefined) total += writeAll(target, appendix);
      storeIo.fsync(target);
      return total;
    });
  } finally {
    fs.closeSync(source);
    fs.closeSync(target);
  }
}

export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, {recursive: true, force: true});
  } catch {
    // Leftovers are swept by the next commit; failing to remove one must not fail this one.
  }
}
