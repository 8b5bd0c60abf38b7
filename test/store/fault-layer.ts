// A fault-injection layer under the store: it replaces the members of storeIo (the calls through
// which the store writes, flushes, truncates, renames and links) to count them and to fail the Nth
// write, fsync or rename with an OS error code.

import fs from 'node:fs';
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

/** Runs `task` with the store's calls counted and `fault` (if any) injected; the layer is removed after. */
export async function underFaults<T>(
  fault: Fault | null,
  task: () => Promise<T>,
): Promise<{outcome: T | Error; counts: OpCounts; failed: boolean}> {
  const original = {...storeIo};
  const counts: OpCounts = {write: 0, fsync: 0, rename: 0};
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
    return {outcome, counts, failed};
  } finally {
    Object.assign(storeIo, original);
  }
}

/**
 * Power loss: the store's calls are recorded as they happen (the content a file had at its last
 * fsync, renames and links not yet made durable by an fsync of their directory); `cut()` makes every
 * later call fail, as a machine that lost power does nothing more, and `rollBack()` then puts back
 * everything that was not synced. Files are created and removed outside the seam, so new temp files
 * survive and removals are taken as durable: only what the store writes, renames and links is judged.
 */
export class PowerLoss {
  private readonly original = {...storeIo};
  /** Path → its content at its last fsync, for every file written since. */
  private readonly synced = new Map<string, Buffer>();
  private readonly renames: {from: string; to: string; displaced: Buffer | null; link: boolean}[] = [];
  private calls = 0;
  private cutAt = Infinity;

  constructor() {
    const pathOf = (fd: number): string => fs.readlinkSync(`/proc/self/fd/${fd}`);
    const step = (): void => {
      this.calls += 1;
      if (this.calls >= this.cutAt) throw osError('EIO', 'power lost');
    };
    const dirty = (fd: number): void => {
      const file = pathOf(fd);
      if (!this.synced.has(file)) this.synced.set(file, fs.readFileSync(file));
    };
    storeIo.write = (fd, bytes, offset, length, position) => {
      step();
      dirty(fd);
      return this.original.write(fd, bytes, offset, length, position);
    };
    storeIo.truncate = (fd, size) => {
      step();
      dirty(fd);
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
      const displaced = fs.existsSync(to) ? fs.readFileSync(to) : null;
      this.original.rename(from, to);
      this.renames.push({from, to, displaced, link: false});
      const content = this.synced.get(from);
      if (content !== undefined) {
        this.synced.delete(from);
        this.synced.set(to, content);
      }
    };
    storeIo.link = (from, to) => {
      step();
      this.original.link(from, to);
      this.renames.push({from, to, displaced: null, link: true});
    };
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
    for (const [file, content] of this.synced) if (fs.existsSync(file)) fs.writeFileSync(file, content);
    for (const {from, to, displaced, link} of this.renames.reverse()) {
      if (link) fs.rmSync(to, {force: true});
      else if (fs.existsSync(to)) {
        fs.renameSync(to, from);
        if (displaced !== null) fs.writeFileSync(to, displaced);
      }
    }
  }

  remove(): void {
    Object.assign(storeIo, this.original);
  }
}
