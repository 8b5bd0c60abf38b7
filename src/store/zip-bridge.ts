// The store's ports are synchronous (a cmdlet runs synchronously under the lock), and the zip reader
// (yauzl) streams asynchronously: a zip task runs in a worker thread (zip-worker.ts) while this thread
// waits on a shared flag. An export's zip is written by a thread of its own (zip-write-worker.ts),
// started before the rooms are gathered so that it deflates them as they are staged. Memory stays
// bounded either way: both sides go file to file.

import {createRequire} from 'node:module';
import type {MessagePort, Worker} from 'node:worker_threads';
import {zipWorkerMain} from './zip-worker.js';
import {zipWriteWorkerMain, type ZipWriteData, type ZipWriteMessage} from './zip-write-worker.js';

export interface ZipEntrySource {
  readonly name: string;
  readonly file: string;
  /** Where the entry's bytes start in `file` (0 when omitted): several entries may share a file. */
  readonly start?: number;
  readonly bytes: number;
}

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  readonly maxRatio: number;
}

export interface UnzippedEntry {
  /** The entry's name as stored, undecoded: the caller decides whether it is acceptable. */
  readonly nameBytes: readonly number[];
  /** The entry's bytes are `bytes` bytes of `file` from `start`: every entry shares one file. */
  readonly file: string;
  readonly start: number;
  readonly compressedBytes: number;
  readonly bytes: number;
}

export type ZipTask = {
  readonly kind: 'unzip';
  readonly input: string;
  readonly stagingDir: string;
  readonly limits: ZipLimits;
};

type Answer<T> = ({readonly ok: true} & T) | {readonly ok: false; readonly problem: string};

/** Long enough for a million messages on a slow disk; a worker that never answers is a bug. */
const TIMEOUT_MS = 30 * 60 * 1000;

// The worker runs the function's own source, and loads the libraries from where this module finds them.
const workerSource = `(${zipWorkerMain.toString()})(require);`;
const writerSource = `(${zipWriteWorkerMain.toString()})(require);`;
const resolve = createRequire(import.meta.url).resolve;
let modules: {yauzl: string} | null = null;

// Loaded with the first zip task: node:worker_threads brings a dozen more modules, and every start of
// `pchat exec` loads this module.
const threads = () => process.getBuiltinModule('node:worker_threads');

interface Started {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly signal: Int32Array;
}

function start(source: string, data: Record<string, unknown>): Started {
  const {MessageChannel, Worker} = threads();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const {port1, port2} = new MessageChannel();
  const worker = new Worker(source, {
    eval: true,
    workerData: {...data, port: port2, signal},
    transferList: [port2],
    // Small generations make the worker collect what it has finished with (and the native memory
    // it holds) early; it goes file to file, so it never needs more.
    resourceLimits: {maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96},
  });
  // The worker exits by itself; an error outside its own try (it could not load) answers here.
  worker.on('error', () => undefined);
  return {worker, port: port1, signal};
}

function answerOf<T>({worker, port, signal}: Started): Answer<T> {
  try {
    const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
    const message = threads().receiveMessageOnPort(port);
    if (waited === 'timed-out' || message === undefined)
      throw new Error(`The zip worker did not answer (${waited}).`);
    return message.message as Answer<T>;
  } finally {
    port.close();
    void worker.terminate();
  }
}

function run<T>(task: ZipTask): Answer<T> {
  modules ??= {yauzl: resolve('yauzl')};
  return answerOf<T>(start(workerSource, {task, modules}));
}

/**
 * Deflate level 3, not zlib's default 6: on chat text it takes half the CPU for archives about 5 % larger (P6).
 * Not lower: levels 1 and 2 took the same CPU (0.67-0.77 s for 64 MiB of L's log in 14 KB entries, two
 * rounds each) for archives 0.3-0.9 % larger; level 6 took 1.10-1.13 s for 2.8 % smaller.
 */
export const DEFLATE_LEVEL = 3;
const PIECE_BYTES = 4 << 20;

export interface ZipWriter {
  /** These entries' bytes are staged: the writer may deflate them now, while the caller goes on. */
  add(entries: readonly ZipEntrySource[]): void;
  /** Writes the zip of these entries, in this order, and waits until it is fsynced. */
  finish(entries: readonly ZipEntrySource[]): Answer<{bytes: number}>;
  /** Stops the writer without a zip (the caller failed); its scratch file is the caller's to remove. */
  abandon(): void;
}

/**
 * A writer of a new zip file at `output` (never over an existing one, mode 0600), deflating in a
 * thread of its own into the new file `scratch`.
 */
export function startZip(output: string, scratch: string, pieceBytes = PIECE_BYTES): ZipWriter {
  const data: Omit<ZipWriteData, 'port' | 'signal'> = {output, scratch, level: DEFLATE_LEVEL, pieceBytes};
  const started = start(writerSource, data);
  const post = (message: ZipWriteMessage): void => started.port.postMessage(message);
  return {
    add: (entries) => post({kind: 'add', entries}),
    finish(entries) {
      post({kind: 'finish', entries});
      return answerOf(started);
    },
    abandon() {
      started.port.close();
      void started.worker.terminate();
    },
  };
}

/** Inflates every entry into stagingDir/entries, within the limits, or says why the zip is refused. */
export const readZip = (
  input: string,
  stagingDir: string,
  limits: ZipLimits,
): Answer<{entries: readonly UnzippedEntry[]}> => run({kind: 'unzip', input, stagingDir, limits});
