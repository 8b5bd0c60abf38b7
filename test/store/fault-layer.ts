// A fault-injection layer under the store: it replaces the members of storeIo (the calls through
// which the store writes, flushes, truncates, renames and links) to count them and to fail the Nth
// write, fsync or rename with an OS error code.

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
