// The store's ports are synchronous (a cmdlet runs synchronously under the lock), and the zip
// libraries (yazl, yauzl) stream asynchronously: a zip task runs in a worker thread (zip-worker.ts)
// while this thread waits on a shared flag. Memory stays bounded either way: both sides stream file
// to file.

import {createRequire} from 'node:module';
import {MessageChannel, receiveMessageOnPort, Worker} from 'node:worker_threads';
import {zipWorkerMain} from './zip-worker.js';

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

export type ZipTask =
  | {readonly kind: 'zip'; readonly output: string; readonly entries: readonly ZipEntrySource[]}
  | {readonly kind: 'unzip'; readonly input: string; readonly stagingDir: string; readonly limits: ZipLimits};

type Answer<T> = ({readonly ok: true} & T) | {readonly ok: false; readonly problem: string};

/** Long enough for a million messages on a slow disk; a worker that never answers is a bug. */
const TIMEOUT_MS = 30 * 60 * 1000;

// The worker runs the function's own source, and loads the libraries from where this module finds them.
const workerSource = `(${zipWorkerMain.toString()})(require);`;
const resolve = createRequire(import.meta.url).resolve;
let modules: {yazl: string; yauzl: string} | null = null;

function run<T>(task: ZipTask): Answer<T> {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const {port1, port2} = new MessageChannel();
  modules ??= {yazl: resolve('yazl'), yauzl: resolve('yauzl')};
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {task, port: port2, signal, modules},
    transferList: [port2],
    // Small generations make the worker collect its finished deflate streams (and the native memory
    // they hold) early; it streams, so it never needs more.
    resourceLimits: {maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96},
  });
  // The worker exits by itself; an error outside its own try (it could not load) answers here.
  worker.on('error', () => undefined);
  try {
    const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
    const message = receiveMessageOnPort(port1);
    if (waited === 'timed-out' || message === undefined)
      throw new Error(`The zip worker did not answer (${waited}).`);
    return message.message as Answer<T>;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** Writes a new zip file (never over an existing one, mode 0600) holding the files, in order. */
export const writeZip = (output: string, entries: readonly ZipEntrySource[]): Answer<{bytes: number}> =>
  run({kind: 'zip', output, entries});

/** Inflates every entry into stagingDir/entries, within the limits, or says why the zip is refused. */
export const readZip = (
  input: string,
  stagingDir: string,
  limits: ZipLimits,
): Answer<{entries: readonly UnzippedEntry[]}> => run({kind: 'unzip', input, stagingDir, limits});
