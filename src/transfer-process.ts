// Runs an export or import line for the console in a child `pchat exec`, so that the console's event
// loop stays free: the cmdlet waits synchronously (Atomics.wait) on its zip worker, which would
// freeze Ink for the whole transfer if it ran in the console's own process, and a worker thread
// running the session would need the store's lock and watch shared across threads. A child process
// can also be stopped at any instant, even inside that wait. Progress is read from what the child
// writes: the entries of its staging folder, and the archive as it grows.
//
// Cancel kills the child, then leaves the store as it was: a journal the child wrote before its
// commit point is undone by the store's own recovery (a read under the lock, which also breaks the
// dead child's lock), and the staging folder and unfinished archive it left are removed.

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {openStore} from './store/file-store.js';
import {lockHolder} from './store/lock.js';
import {storeFiles} from './store/store-files.js';

export interface TransferRequest {
  readonly storeDir: string;
  /** The cmdlet line, as `pchat exec` takes it. */
  readonly line: string;
  /** The archive an export creates under exports/, removed if the transfer is cancelled. */
  readonly output?: string;
  /** How many entries the archive holds or will hold, when the caller knows. */
  readonly total?: number;
  /** bin/pchat.js. */
  readonly bin: string;
}

export type TransferOutcome =
  | {readonly kind: 'finished'; readonly status: number; readonly stdout: string; readonly stderr: string}
  | {readonly kind: 'cancelled'};

export interface TransferProgress {
  readonly entries: number;
  readonly total: number | null;
  readonly bytes: number;
  readonly elapsedMs: number;
}

export interface TransferRun {
  readonly done: Promise<TransferOutcome>;
  progress(): TransferProgress;
  /** Stops the transfer; `done` then answers `cancelled` once the leftovers are removed. */
  cancel(): void;
}

/**
 * The V8 flags of an export's child process (README P6; both pools of L, peak RSS, loaded): a young
 * generation of two 4 MiB semi-spaces instead of V8's two of 16 MiB. The young generation is memory
 * the child keeps for its whole run, and an export goes file to file, so its short-lived objects are
 * small: 240-248 MiB in four runs of five (276 MiB in the other) instead of 262-300 MiB without the
 * collection before the passes (collect-garbage.ts), 195-200 MiB with it against 224-225 MiB with
 * the collection alone. With 2 MiB semi-spaces more objects survived into the old generation and the
 * peak rose instead (280 MiB). A flag of the process, not of the export: V8 sizes the young
 * generation when the process starts, so a `pchat exec` of an export started by hand keeps V8's
 * default (and the bench measures that one). An import's child keeps the default too: it was not
 * measured enough with the flag to tell (324 MiB with it against 296 and 323 MiB without).
 */
export const EXPORT_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

const isStaging = (name: string): boolean => /^\.(export|import)-[0-9a-f-]+\.tmp$/.test(name);

const sizeOf = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

export function startTransfer(request: TransferRequest): TransferRun {
  const {storeDir} = request;
  const startedAt = Date.now();
  const before = new Set(fs.readdirSync(storeDir));
  const output = request.output === undefined ? null : path.join(storeDir, 'exports', request.output);
  const outputExisted = output !== null && fs.existsSync(output);
  // An export's child starts with flags of its own (EXPORT_NODE_FLAGS); an import's with none.
  const flags = output === null ? [] : EXPORT_NODE_FLAGS;
  const child = spawn(
    process.execPath,
    [...flags, request.bin, 'exec', '--store', storeDir, '--yes', '--', request.line],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, PCHAT_STORE: ''},
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  let cancelled = false;
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const done = exited.then(async (status): Promise<TransferOutcome> => {
    if (!cancelled) return {kind: 'finished', status, stdout, stderr};
    await removeLeftovers(storeDir, child.pid ?? -1, before, outputExisted ? null : output);
    return {kind: 'cancelled'};
  });
  // The staging folder keeps the most entries it was seen with: it is removed once the zip is done.
  let entries = 0;
  let stagedBytes = 0;
  return {
    done,
    progress() {
      for (const name of fs.readdirSync(storeDir)) {
        if (before.has(name) || !isStaging(name)) continue;
        try {
          const staged = fs.readdirSync(path.join(storeDir, name));
          entries = Math.max(entries, staged.length);
          stagedBytes = Math.max(
            stagedBytes,
            staged.reduce((sum, f) => sum + sizeOf(path.join(storeDir, name, f)), 0),
          );
        } catch {
          // Removed between the two reads: the counts seen last stand.
        }
      }
      const total = request.total ?? null;
      return {
        entries: total === null ? entries : Math.min(entries, total),
        total,
        bytes: stagedBytes + (output === null || outputExisted ? 0 : sizeOf(output)),
        elapsedMs: Date.now() - startedAt,
      };
    },
    cancel() {
      if (child.exitCode !== null || cancelled) return;
      cancelled = true;
      child.kill('SIGKILL');
    },
  };
}

async function removeLeftovers(
  storeDir: string,
  pid: number,
  before: ReadonlySet<string>,
  output: string | null,
): Promise<void> {
  const store = await openStore(storeDir);
  try {
    // Undoes a commit the child began, if it began one; its lock is broken as a dead holder's.
    await store.read();
  } finally {
    store.close();
  }
  const {lock} = storeFiles(storeDir);
  if (lockHolder(lock)?.pid === pid) fs.rmSync(lock, {force: true});
  for (const name of fs.readdirSync(storeDir))
    if (!before.has(name) && isStaging(name))
      fs.rmSync(path.join(storeDir, name), {recursive: true, force: true});
  if (output !== null) fs.rmSync(output, {force: true});
}

/** The number of entries a zip file says it holds (its end record), or null when it has none. */
function zipEntryCount(file: string): number | null {
  const size = sizeOf(file);
  const tail = Buffer.alloc(Math.min(size, 22 + 0xffff));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
  } finally {
    fs.closeSync(fd);
  }
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return end < 0 || end + 12 > tail.length ? null : tail.readUInt16LE(end + 10);
}

/** The console's export and import (ConsoleTransfers), each in a child `pchat exec` on the store. */
export const consoleTransfers = (storeDir: string, bin: string) => ({
  archives(): string[] {
    const {exports} = storeFiles(storeDir);
    try {
      return fs
        .readdirSync(exports, {withFileTypes: true})
        .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.zip'))
        .map((e) => e.name)
        .sort();
    } catch {
      return [];
    }
  },
  start(request: {line: string; output?: string; total?: number; archive?: string}): TransferRun {
    const archive =
      request.archive === undefined ? null : path.join(storeFiles(storeDir).exports, request.archive);
    const total = request.total ?? (archive === null ? undefined : (zipEntryCount(archive) ?? undefined));
    return startTransfer({
      storeDir,
      bin,
      line: request.line,
      ...(request.output === undefined ? {} : {output: request.output}),
      ...(total === undefined ? {} : {total}),
    });
  },
});
