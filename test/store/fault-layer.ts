// A fault-injection layer under the store: it replaces the members of storeIo (the calls through
// which the store writes, flushes, truncates, renames and links) to count them and to fail the Nth
// write, fsync or rename with an OS error code.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {storeIo} from '../../src/store/durable-fs.js';

export type FaultOp = 'write' | 'fsync' | 'rename';
export type FaultCode = 'ENOSPC' | 'EIO' | 'EFBIG';

export interface Fault {
  readonly op: FaultOp;
  /** 1-based: the nth call of `op` fails. */
  readonly nth: number;
  readonly code: FaultCode;
  /** A full disk stays full: every later call of `op` fails too. */
  readonly persistent?: boolean;
}

export type OpCounts = Record<FaultOp, number>;

const osError = (code: FaultCode, syscall: string): Error =>
  Object.assign(new Error(`${code}: injected fault, ${syscall}`), {code, syscall});

/**
 * Runs `task` with the store's calls counted and `fault` (if any) injected; the layer is removed
 * after. `lengths` has the length of each write, in order.
 */
export async function underFaults<T>(
  fault: Fault | null,
  task: () => Promise<T>,
): Promise<{outcome: T | Error; counts: OpCounts; failed: boolean; lengths: number[]}> {
  const original = {...storeIo};
  const counts: OpCounts = {write: 0, fsync: 0, rename: 0};
  const lengths: number[] = [];
  let failed = false;
  const gate = (op: FaultOp, syscall: string): void => {
    counts[op] += 1;
    if (!fault || fault.op !== op) return;
    if (counts[op] === fault.nth || (fault.persistent && counts[op] > fault.nth)) {
      failed = true;
      throw osError(fault.code, syscall);
    }
  };
  storeIo.write = (fd, bytes, offset, length, position) => {
    gate('write', 'write');
    lengths.push(length);
    return original.write(fd, bytes, offset, length, position);
  };
  storeIo.fsync = (fd) => {
    gate('fsync', 'fsync');
    original.fsync(fd);
  };
  storeIo.rename = (from, to) => {
    gate('rename', 'rename');
    original.rename(from, to);
  };
  storeIo.link = (from, to) => {
    gate('rename', 'link');
    original.link(from, to);
  };
  try {
    const outcome = await task().catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    return {outcome, counts, failed, lengths};
  } finally {
    Object.assign(storeIo, original);
  }
}

const {O_APPEND} = fs.constants;

const pathOf = (fd: number): string => fs.readlinkSync(`/proc/self/fd/${fd}`);

/** Where a write with no position lands: the end of a file opened to append, else the file offset. */
function offsetOf(fd: number, file: string): number {
  const info = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
  const flags = Number.parseInt(/^flags:\s+(\d+)/m.exec(info)![1]!, 8);
  if (flags & O_APPEND) return fs.statSync(file).size;
  return Number(/^pos:\s+(\d+)/m.exec(info)![1]);
}

/**
 * Where the store has written since the last `take()`: for each file it wrote or truncated through
 * storeIo, the lowest offset it touched, and 0 for a file it renamed or linked into place. The hashes
 * a fault point takes before its step can then read only what its set-up appended to a file hashed
 * before (starting-store.ts, contents). A file changed outside the seam is not listed, so it is
 * hashed whole.
 */
export class SeamWrites {
  private readonly original = {...storeIo};
  private lowest = new Map<string, number>();

  constructor() {
    const touch = (file: string, at: number): void => {
      this.lowest.set(file, Math.min(at, this.lowest.get(file) ?? Infinity));
    };
    storeIo.write = (fd, bytes, offset, length, position) => {
      const file = pathOf(fd);
      touch(file, position ?? offsetOf(fd, file));
      return this.original.write(fd, bytes, offset, length, position);
    };
    storeIo.truncate = (fd, size) => {
      touch(pathOf(fd), size);
      this.original.truncate(fd, size);
    };
    storeIo.rename = (from, to) => {
      this.original.rename(from, to);
      touch(to, 0);
    };
    storeIo.link = (from, to) => {
      this.original.link(from, to);
      touch(to, 0);
    };
  }

  /** The lowest offset touched in each file since the last call. */
  take(): ReadonlyMap<string, number> {
    const taken = this.lowest;
    this.lowest = new Map();
    return taken;
  }

  /** Removes the layer. */
  remove(): void {
    Object.assign(storeIo, this.original);
  }
}

/**
 * What a file held at its last fsync, kept as an undo log rather than a copy: its size then, and the
 * bytes below that size each write or truncation since has overwritten or cut, as they were just
 * before. Played back newest first and cut to that size, it restores the file exactly, and a file
 * that was only appended to (a store's logs, 300 MB on a generated store) costs nothing to keep.
 */
class Undo {
  private readonly parts: {readonly at: number; readonly bytes: Buffer}[] = [];
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  /** Keeps the bytes of [from, to) that lie below the synced size, as the file holds them now. */
  keep(file: string, from: number, to: number): void {
    const end = Math.min(to, this.size, fs.statSync(file).size);
    if (end <= from) return;
    const bytes = Buffer.alloc(end - from);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, bytes, 0, bytes.length, from);
    } finally {
      fs.closeSync(fd);
    }
    this.parts.push({at: from, bytes});
  }

  restore(file: string): void {
    const fd = fs.openSync(file, 'r+');
    try {
      for (const {at, bytes} of [...this.parts].reverse()) fs.writeSync(fd, bytes, 0, bytes.length, at);
      fs.ftruncateSync(fd, this.size);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/**
 * Power loss: the store's calls are recorded as they happen (what a file held at its last fsync,
 * renames and links not yet made durable by an fsync of their directory); `cut()` makes every later
 * call fail, as a machine that lost power does nothing more, and `rollBack()` then puts back
 * everything that was not synced. Files are created and removed outside the seam, so new temp files
 * survive and removals are taken as durable: only what the store writes, renames and links is judged.
 */
export class PowerLoss {
  private readonly original = {...storeIo};
  /** Path → how to bring it back to its last fsync, for every file written since. */
  private readonly synced = new Map<string, Undo>();
  /** A file a rename replaced is kept by a hard link in `held` until the rollback puts it back. */
  private readonly renames: {from: string; to: string; displaced: string | null; link: boolean}[] = [];
  private held: string | null = null;
  private heldCount = 0;
  private calls = 0;
  private cutAt = Infinity;

  constructor() {
    const step = (): void => {
      this.calls += 1;
      if (this.calls >= this.cutAt) throw osError('EIO', 'power lost');
    };
    const undoOf = (file: string): Undo => {
      let undo = this.synced.get(file);
      if (undo === undefined) {
        undo = new Undo(fs.statSync(file).size);
        this.synced.set(file, undo);
      }
      return undo;
    };
    storeIo.write = (fd, bytes, offset, length, position) => {
      step();
      const file = pathOf(fd);
      const at = position ?? offsetOf(fd, file);
      undoOf(file).keep(file, at, at + length);
      return this.original.write(fd, bytes, offset, length, position);
    };
    storeIo.truncate = (fd, size) => {
      step();
      const file = pathOf(fd);
      undoOf(file).keep(file, size, Infinity);
      this.original.truncate(fd, size);
    };
    storeIo.fsync = (fd) => {
      step();
      this.original.fsync(fd);
      const file = pathOf(fd);
      if (fs.statSync(file).isDirectory()) {
        for (let i = this.renames.length - 1; i >= 0; i -= 1)
          if (path.dirname(this.renames[i]!.to) === file) this.renames.splice(i, 1);
      } else this.synced.delete(file);
    };
    storeIo.rename = (from, to) => {
      step();
      let displaced: string | null = null;
      if (fs.existsSync(to)) {
        displaced = this.hold(to);
        const undo = this.synced.get(to);
        if (undo !== undefined) {
          this.synced.delete(to);
          this.synced.set(displaced, undo);
        }
      }
      this.original.rename(from, to);
      this.renames.push({from, to, displaced, link: false});
      const undo = this.synced.get(from);
      if (undo !== undefined) {
        this.synced.delete(from);
        this.synced.set(to, undo);
      }
    };
    storeIo.link = (from, to) => {
      step();
      this.original.link(from, to);
      this.renames.push({from, to, displaced: null, link: true});
    };
  }

  /**
   * A hard link to `file` outside the store (in the temp dir, on the same file system as the test
   * stores), so a rename over it loses nothing; a copy where a link cannot be made.
   */
  private hold(file: string): string {
    this.held ??= fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-power-loss-'));
    this.heldCount += 1;
    const kept = path.join(this.held, String(this.heldCount));
    try {
      fs.linkSync(file, kept);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      fs.copyFileSync(file, kept);
    }
    return kept;
  }

  /** Calls made so far. */
  get count(): number {
    return this.calls;
  }

  /** Whether the power is gone: a call reached the cut. */
  get lost(): boolean {
    return this.calls >= this.cutAt;
  }

  /** The `nth` call from now on, and every call after it, fails: the power is gone. */
  cutAfter(nth: number): void {
    this.cutAt = this.calls + nth;
  }

  /** Back to what the disk held at the moment of the cut; removes the layer. */
  rollBack(): void {
    Object.assign(storeIo, this.original);
    for (const [file, undo] of this.synced) if (fs.existsSync(file)) undo.restore(file);
    for (const {from, to, displaced, link} of this.renames.reverse()) {
      if (link) fs.rmSync(to, {force: true});
      else if (fs.existsSync(to)) {
        fs.renameSync(to, from);
        if (displaced !== null) fs.renameSync(displaced, to);
      }
    }
    this.remove();
  }

  /** Removes the layer and what it held, leaving the disk as it is. */
  remove(): void {
    Object.assign(storeIo, this.original);
    if (this.held !== null) fs.rmSync(this.held, {recursive: true, force: true});
  }
}
