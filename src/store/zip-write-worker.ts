// The body of the thread that writes an export's zip (zip-bridge.ts starts it from this function's
// source, as it does zip-worker.ts, so it must stay self-contained: everything it uses comes through
// `load` and `codec`, zip-deflate.ts's functions, started from their source too). It deflates each
// entry as soon as the exporting thread says its bytes are staged, so the deflate runs on the second
// core while that thread is still gathering the next rooms (P6); the deflated bytes wait in a scratch
// file. Each entry is claimed first (a shared flag per entry): once the exporting thread has staged
// everything it claims the entries this thread has not reached, from the last one back, and deflates
// them itself into a scratch file of its own. When told the archive's entries in order, and where the
// other thread deflated its share, this thread writes the zip from them: a new file (never over one,
// mode 0600), fsynced.
//
// The container is the one yazl wrote before (the same records, flags, versions, times and
// attributes; test/store/zip-write.test.ts compares the bytes), written here because yazl deflates
// an entry only when its turn in the file comes.
//
// Messages on workerData.port: {kind: 'add', entries, claims} (their bytes are staged: deflate those
// whose flag in `claims` this thread sets first) and {kind: 'finish', entries, elsewhere} (the
// archive's entries in order, every one added and claimed by now, and what the exporting thread
// deflated). The answer, {ok: true, bytes} or {ok: false, problem}, is posted back, then the waiting
// thread is woken through workerData.signal.

import type * as Fs from 'node:fs';
import type * as Threads from 'node:worker_threads';
import type * as Zlib from 'node:zlib';
import type {ZipEntrySource} from './zip-bridge.js';
import type {DeflatedEntry, zipDeflater, zipFileCalls} from './zip-deflate.js';

type Load = (id: string) => unknown;

export interface ZipWriteData {
  readonly output: string;
  readonly scratch: string;
  readonly level: number;
  readonly pieceBytes: number;
  readonly port: Threads.MessagePort;
  readonly signal: Int32Array;
}

/** Who deflates an entry: the first thread to set its flag from UNCLAIMED. */
export const CLAIM = {unclaimed: 0, writer: 1, caller: 2} as const;

/** Entries another thread deflated into `file`, by name. */
export interface DeflatedElsewhere {
  readonly file: string;
  readonly entries: readonly (readonly [string, DeflatedEntry])[];
}

export type ZipWriteMessage =
  | {readonly kind: 'add'; readonly entries: readonly ZipEntrySource[]; readonly claims: Int32Array}
  | {
      readonly kind: 'finish';
      readonly entries: readonly ZipEntrySource[];
      readonly elsewhere: DeflatedElsewhere;
    };

export interface ZipCodec {
  readonly zipFileCalls: typeof zipFileCalls;
  readonly zipDeflater: typeof zipDeflater;
}

export function zipWriteWorkerMain(load: Load, codec: ZipCodec): void {
  const fs = load('node:fs') as typeof Fs;
  const threads = load('node:worker_threads') as typeof Threads;
  const zlib = load('node:zlib') as typeof Zlib;
  const data = threads.workerData as ZipWriteData;
  const {O_RDONLY, O_NOFOLLOW} = fs.constants;
  const {writeAll, readFully} = codec.zipFileCalls(fs);

  // Fixed, as yazl was given them: the same data makes the same archive.
  const mtime = new Date(2000, 0, 1);
  const dosDate = mtime.getDate() | ((mtime.getMonth() + 1) << 5) | ((mtime.getFullYear() - 1980) << 9);
  const dosTime = 0;
  const unixTime = Math.floor(mtime.getTime() / 1000);
  const externalAttributes = (0o100600 << 16) >>> 0;
  const UTF8_NAME_AND_DESCRIPTOR = (1 << 11) | (1 << 3);
  const VERSION_NEEDED = 20;
  const VERSION_MADE_BY = (3 << 8) | 63;
  const DEFLATE = 8;
  const LIMIT = 0xfffffffe;
  const WRITER = 1; // CLAIM.writer: a constant outside this function would not reach the thread.

  interface Found extends DeflatedEntry {
    readonly file: string;
  }
  const deflated = new Map<string, Found>();
  const piece = Buffer.allocUnsafe(data.pieceBytes);
  const deflater = codec.zipDeflater(fs, zlib, {writeAll, readFully}, data.scratch, data.level, piece);
  let open = true;
  let failure: string | null = null;

  function deflate(entry: ZipEntrySource): void {
    if (!deflated.has(entry.name)) deflated.set(entry.name, {...deflater.deflate(entry), file: data.scratch});
  }

  function writeZip(entries: readonly ZipEntrySource[], elsewhere: DeflatedElsewhere): number {
    for (const [name, entry] of elsewhere.entries) deflated.set(name, {...entry, file: elsewhere.file});
    for (const entry of entries) deflate(entry);
    open = false;
    deflater.close();
    const sources = new Map<string, number>();
    const sourceOf = (file: string): number => {
      let fd = sources.get(file);
      if (fd === undefined) sources.set(file, (fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW)));
      return fd;
    };
    const output = fs.openSync(data.output, 'wx', 0o600);
    try {
      let position = 0;
      const put = (bytes: Uint8Array): void => {
        writeAll(output, bytes);
        position += bytes.length;
      };
      const central: Buffer[] = [];
      for (const entry of entries) {
        const name = Buffer.from(entry.name, 'utf8');
        const found = deflated.get(entry.name) as Found;
        if (position > LIMIT || found.compressed > LIMIT || found.bytes > LIMIT)
          throw new Error('the archive would be larger than 4 GiB');
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(VERSION_NEEDED, 4);
        local.writeUInt16LE(UTF8_NAME_AND_DESCRIPTOR, 6);
        local.writeUInt16LE(DEFLATE, 8);
        local.writeUInt16LE(dosTime, 10);
        local.writeUInt16LE(dosDate, 12);
        local.writeUInt16LE(name.length, 26);
        const header = position;
        put(local);
        put(name);
        for (let copied = 0; copied < found.compressed;) {
          const length = Math.min(piece.length, found.compressed - copied);
          readFully(sourceOf(found.file), piece, length, found.offset + copied);
          put(piece.subarray(0, length));
          copied += length;
        }
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(found.crc, 4);
        descriptor.writeUInt32LE(found.compressed, 8);
        descriptor.writeUInt32LE(found.bytes, 12);
        put(descriptor);
        const record = Buffer.alloc(46 + name.length + 9);
        record.writeUInt32LE(0x02014b50, 0);
        record.writeUInt16LE(VERSION_MADE_BY, 4);
        record.writeUInt16LE(VERSION_NEEDED, 6);
        record.writeUInt16LE(UTF8_NAME_AND_DESCRIPTOR, 8);
        record.writeUInt16LE(DEFLATE, 10);
        record.writeUInt16LE(dosTime, 12);
        record.writeUInt16LE(dosDate, 14);
        record.writeUInt32LE(found.crc, 16);
        record.writeUInt32LE(found.compressed, 20);
        record.writeUInt32LE(found.bytes, 24);
        record.writeUInt16LE(name.length, 28);
        record.writeUInt16LE(9, 30);
        record.writeUInt32LE(externalAttributes, 38);
        record.writeUInt32LE(header, 42);
        name.copy(record, 46);
        // Info-ZIP's universal time stamp: modification (and, flagged only, access) time.
        record.writeUInt16LE(0x5455, 46 + name.length);
        record.writeUInt16LE(5, 48 + name.length);
        record.writeUInt8(3, 50 + name.length);
        record.writeInt32LE(unixTime, 51 + name.length);
        central.push(record);
      }
      const directoryStart = position;
      for (const record of central) put(record);
      const directoryBytes = position - directoryStart;
      if (directoryStart > LIMIT) throw new Error('the archive would be larger than 4 GiB');
      // Past 65534 entries the count only fits the zip64 end record, as yazl wrote it too.
      const zip64 = entries.length >= 0xffff;
      if (zip64) {
        const end64 = Buffer.alloc(56);
        end64.writeUInt32LE(0x06064b50, 0);
        end64.writeBigUInt64LE(44n, 4);
        end64.writeUInt16LE(VERSION_MADE_BY, 12);
        end64.writeUInt16LE(45, 14);
        end64.writeBigUInt64LE(BigInt(entries.length), 24);
        end64.writeBigUInt64LE(BigInt(entries.length), 32);
        end64.writeBigUInt64LE(BigInt(directoryBytes), 40);
        end64.writeBigUInt64LE(BigInt(directoryStart), 48);
        const locator = Buffer.alloc(20);
        locator.writeUInt32LE(0x07064b50, 0);
        locator.writeBigUInt64LE(BigInt(position), 8);
        locator.writeUInt32LE(1, 16);
        put(end64);
        put(locator);
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
      end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
      end.writeUInt32LE(directoryBytes, 12);
      end.writeUInt32LE(directoryStart, 16);
      put(end);
      fs.fsyncSync(output);
      return position;
    } finally {
      fs.closeSync(output);
      for (const fd of sources.values()) fs.closeSync(fd);
    }
  }

  const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  const answer = (message: {ok: boolean; bytes?: number; problem?: string}): void => {
    if (open) deflater.close();
    data.port.postMessage(message);
    data.port.close();
    Atomics.store(data.signal, 0, 1);
    Atomics.notify(data.signal, 0);
  };
  data.port.on('message', (message: ZipWriteMessage) => {
    if (message.kind === 'add') {
      // After a failure the rest is not deflated: the finish answers with the first problem.
      if (failure === null)
        try {
          for (const [k, entry] of message.entries.entries())
            if (Atomics.compareExchange(message.claims, k, 0, WRITER) === 0) deflate(entry);
        } catch (error) {
          failure = messageOf(error);
        }
      return;
    }
    if (failure !== null) return answer({ok: false, problem: `it could not be processed (${failure})`});
    try {
      answer({ok: true, bytes: writeZip(message.entries, message.elsewhere)});
    } catch (error) {
      answer({ok: false, problem: `it could not be processed (${messageOf(error)})`});
    }
  });
}
