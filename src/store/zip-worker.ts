// The body of the zip worker thread (zip-bridge.ts starts it from this function's source, so no
// separate file has to be found beside the sources, the bundle or the benchmarks). It must stay
// self-contained: everything it uses comes through `load`, the worker's own require. It only moves
// bytes between files and a zip container; every rule about what an archive may hold is checked by
// the caller.
//
// The task (workerData.task; an export's zip is written by zip-write-worker.ts):
//   {kind: 'unzip', input, stagingDir, limits}: every entry's bytes, one after another, into the one
//     file stagingDir/entries (a file per entry cost a create, and later opens and an unlink, for
//     each of 10,000 rooms a pool: most of an import's zip time, P6); each entry's start and size
//     are answered. The limits are
//     counted on the bytes actually inflated, never on the sizes the zip claims; the first one
//     exceeded stops the read. An entry of at most SMALL_ENTRY compressed bytes (a room's messages,
//     most of an archive's entries) is read and inflated whole with synchronous calls, its output
//     capped at the first limit it could pass: streamed, it cost several round trips through the
//     thread pool (a read, an inflate, their callbacks) each, most of an import's zip time (P6).
// The answer, {ok: true, ...} or {ok: false, problem}, is posted on workerData.port, then the
// waiting thread is woken through workerData.signal.

// Type-only imports: erased, so the function below still refers to nothing outside itself.
import type * as Fs from 'node:fs';
import type * as Path from 'node:path';
import type * as Stream from 'node:stream';
import type * as Threads from 'node:worker_threads';
import type * as Zlib from 'node:zlib';
import type * as Yauzl from 'yauzl';
import type {ZipTask} from './zip-bridge.js';

type Load = (id: string) => unknown;

export function zipWorkerMain(load: Load): void {
  const fs = load('node:fs') as typeof Fs;
  const path = load('node:path') as typeof Path;
  const threads = load('node:worker_threads') as typeof Threads;
  const zlib = load('node:zlib') as typeof Zlib;
  const data = threads.workerData as {
    task: ZipTask;
    port: Threads.MessagePort;
    signal: Int32Array;
    modules: {yauzl: string};
  };
  const yauzl = load(data.modules.yauzl) as typeof Yauzl;

  class Refusal extends Error {}
  const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  async function unzip(task: Extract<ZipTask, {kind: 'unzip'}>) {
    const {limits} = task;
    const zipfile = await new Promise<Yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(
        task.input,
        {lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true},
        (error, file) =>
          error ? reject(new Refusal(`it is not a readable zip file (${error.message})`)) : resolve(file),
      ),
    );
    if (zipfile.entryCount > limits.maxEntries)
      throw new Refusal(`it has ${zipfile.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    const entries: {
      nameBytes: number[];
      file: string;
      start: number;
      compressedBytes: number;
      bytes: number;
    }[] = [];
    const file = path.join(task.stagingDir, 'entries');
    const out = fs.openSync(file, 'wx', 0o600);
    // Where the next entry's bytes go in `file`.
    let at = 0;
    const writeAt = (bytes: Buffer): void => {
      for (let done = 0; done < bytes.length;)
        done += fs.writeSync(out, bytes, done, bytes.length - done, at + done);
      at += bytes.length;
    };
    let total = 0;
    const ratioLimitOf = (compressed: number): number =>
      Math.max(compressed, 1) * limits.maxRatio + 64 * 1024;
    /** Why the next chunk of entry `index` goes past a limit, or null; counts it when it does not. */
    const counter = (index: number, compressed: number) => {
      let bytes = 0;
      const ratioLimit = ratioLimitOf(compressed);
      return (chunk: {readonly length: number}): Refusal | null => {
        bytes += chunk.length;
        total += chunk.length;
        if (bytes > limits.maxEntryBytes)
          return new Refusal(`entry ${index} inflates to more than ${limits.maxEntryBytes} bytes`);
        if (total > limits.maxTotalBytes)
          return new Refusal(`the entries inflate to more than ${limits.maxTotalBytes} bytes in all`);
        if (bytes > ratioLimit)
          return new Refusal(
            `entry ${index} inflates more than ${limits.maxRatio} times its compressed size`,
          );
        return null;
      };
    };
    // Each entry is written with synchronous calls as its chunks arrive, rather than a round trip
    // through the thread pool per write.
    const inflate = (stream: Stream.Readable, over: (chunk: Buffer) => Refusal | null) =>
      new Promise<number>((resolve, reject) => {
        let written = 0;
        let open = true;
        const stop = (error: Error): void => {
          stream.destroy();
          open = false;
          reject(error);
        };
        stream.on('data', (chunk: Buffer) => {
          if (!open) return;
          const refusal = over(chunk);
          if (refusal) return stop(refusal);
          try {
            writeAt(chunk);
            written += chunk.length;
          } catch (error) {
            stop(error instanceof Error ? error : new Error(String(error)));
          }
        });
        stream.on('error', (error) => stop(error));
        stream.on('end', () => {
          if (!open) return;
          open = false;
          resolve(written);
        });
      });
    // The archive opened once more, for the whole-entry reads: yauzl's own reads go through the
    // thread pool. The same file: a regular file of the size yauzl found.
    const input = fs.openSync(task.input, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const inputStat = fs.fstatSync(input);
    const SMALL_ENTRY = 64 * 1024;
    const small = (entry: Yauzl.Entry): boolean =>
      inputStat.isFile() &&
      inputStat.size === zipfile.fileSize &&
      entry.compressionMethod === 8 &&
      !entry.isEncrypted() &&
      entry.compressedSize > 0 &&
      entry.compressedSize <= SMALL_ENTRY;
    /** Entry `index`, at `start` in the archive, inflated whole within the limits and written. */
    const inflateWhole = (
      entry: Yauzl.Entry,
      index: number,
      start: number,
      over: (chunk: {readonly length: number}) => Refusal | null,
    ): number => {
      const compressed = Buffer.allocUnsafe(entry.compressedSize);
      for (let got = 0; got < compressed.length;) {
        const n = fs.readSync(input, compressed, got, compressed.length - got, start + got);
        if (n === 0) throw new Error('file data overflows file bounds');
        got += n;
      }
      // One byte past the first limit it could pass: inflating further would only be refused.
      const allowed = Math.min(
        limits.maxEntryBytes,
        limits.maxTotalBytes - total,
        ratioLimitOf(entry.compressedSize),
      );
      let bytes: Buffer;
      try {
        bytes = zlib.inflateRawSync(compressed, {maxOutputLength: allowed + 1});
      } catch (error) {
        if (error instanceof RangeError) throw over({length: allowed + 1}) ?? error;
        throw error;
      }
      const refusal = over(bytes);
      if (refusal) throw refusal;
      if (bytes.length !== entry.uncompressedSize)
        throw new Error(
          `entry ${index} inflates to ${bytes.length} bytes, its header says ${entry.uncompressedSize}`,
        );
      writeAt(bytes);
      return bytes.length;
    };
    try {
      await new Promise<void>((resolve, reject) => {
        const fail = (error: unknown): void => {
          zipfile.close();
          reject(
            error instanceof Refusal
              ? error
              : new Refusal(`it is not a readable zip file (${messageOf(error)})`),
          );
        };
        zipfile.on('error', fail);
        zipfile.on('end', () => resolve());
        zipfile.on('entry', (entry: Yauzl.Entry) => {
          const index = entries.length;
          const name = entry.fileName as unknown as Buffer;
          entries.push({
            nameBytes: [...name],
            file,
            start: at,
            compressedBytes: entry.compressedSize,
            bytes: 0,
          });
          if (name.length > 0 && name[name.length - 1] === 0x2f)
            return fail(new Refusal(`entry ${index} is a folder`));
          if (small(entry))
            return zipfile.readLocalFileHeader(entry, {minimal: true}, (error, header) => {
              if (error) return fail(error);
              const done = entries[index];
              try {
                const bytes = inflateWhole(
                  entry,
                  index,
                  header.fileDataStart,
                  counter(index, entry.compressedSize),
                );
                if (done) done.bytes = bytes;
              } catch (failure) {
                return fail(failure);
              }
              zipfile.readEntry();
            });
          zipfile.openReadStream(entry, (error, stream) => {
            if (error) return fail(error);
            inflate(stream, counter(index, entry.compressedSize)).then((bytes) => {
              const done = entries[index];
              if (done) done.bytes = bytes;
              zipfile.readEntry();
            }, fail);
          });
        });
        zipfile.readEntry();
      });
    } finally {
      fs.closeSync(input);
      fs.closeSync(out);
    }
    return {ok: true, entries};
  }

  const task = data.task;
  void unzip(task)
    .catch((error: unknown) => ({
      ok: false,
      problem: error instanceof Refusal ? error.message : `it could not be processed (${messageOf(error)})`,
    }))
    .then((answer) => {
      data.port.postMessage(answer);
      Atomics.store(data.signal, 0, 1);
      Atomics.notify(data.signal, 0);
    });
}
