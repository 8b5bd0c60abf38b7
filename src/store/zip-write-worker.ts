// The body of the thread that writes an export's zip (zip-bridge.ts starts it from this function's
// source, as it does zip-worker.ts, so it must stay self-contained: everything it uses comes through
// `load`). It deflates each entry as soon as the exporting thread says its bytes are staged, so the
// deflate runs on the second core while that thread is still gathering the next rooms (P6); the
// deflated bytes wait in a scratch file. When told the archive's entries in order, it writes the zip
// from them: a new file (never over one, mode 0600), fsynced.
//
// The container is the one yazl wrote before (the same records, flags, versions, times and
// attributes; test/store/zip-write.test.ts compares the bytes), written here because yazl deflates
// an entry only when its turn in the file comes. An entry is deflated in one call, with zlib's own
// CRC-32, instead of a stream of chunks through the thread pool. One larger than PIECE_BYTES is
// deflated piece by piece, each piece but the last ended by a sync flush: the pieces form one valid
// deflate stream, and memory holds one piece.
//
// Messages on workerData.port: {kind: 'add', entries} (their bytes are staged: deflate them now) and
// {kind: 'finish', entries} (the archive's entries in order; any not added yet is deflated then). The
// answer, {ok: true, bytes} or {ok: false, problem}, is posted back, then the waiting thread is woken
// through workerData.signal.

import type * as Fs from 'node:fs';
import type * as Threads from 'node:worker_threads';
import type * as Zlib from 'node:zlib';
import type {ZipEntrySource} from './zip-bridge.js';

type Load = (id: string) => unknown;

export interface ZipWriteData {
  readonly output: string;
  readonly scratch: string;
  readonly level: number;
  readonly pieceBytes: number;
  readonly port: Threads.MessagePort;
  readonly signal: Int32Array;
}

export type ZipWriteMessage =
  | {readonly kind: 'add'; readonly entries: readonly ZipEntrySource[]}
  | {readonly kind: 'finish'; readonly entries: readonly ZipEntrySource[]};

export function zipWriteWorkerMain(load: Load): void {
  const fs = load('node:fs') as typeof Fs;
  const threads = load('node:worker_threads') as typeof Threads;
  const zlib = load('node:zlib') as typeof Zlib;
  const data = threads.workerData as ZipWriteData;
  const {O_RDONLY, O_NOFOLLOW} = fs.constants;

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

  interface Deflated {
    readonly offset: number;
    readonly compressed: number;
    readonly bytes: number;
    readonly crc: number;
  }
  const deflated = new Map<string, Deflated>();
  const inputs = new Map<string, number>();
  const scratch = fs.openSync(data.scratch, 'wx+', 0o600);
  let scratchSize = 0;
  let failure: string | null = null;
  const piece = Buffer.allocUnsafe(data.pieceBytes);

  const inputOf = (file: string): number => {
    let fd = inputs.get(file);
    if (fd === undefined) inputs.set(file, (fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW)));
    return fd;
  };
  const writeAll = (fd: number, bytes: Uint8Array, position?: number): void => {
    for (let done = 0; done < bytes.length;)
      done += fs.writeSync(
        fd,
        bytes,
        done,
        bytes.length - done,
        position === undefined ? null : position + done,
      );
  };
  const readFully = (fd: number, into: Buffer, length: number, position: number): void => {
    for (let got = 0; got < length;) {
      const n = fs.readSync(fd, into, got, length - got, position + got);
      if (n === 0) throw new Error('a staged file ended early');
      got += n;
    }
  };

  function deflate(entry: ZipEntrySource): void {
    if (deflated.has(entry.name)) return;
    const offset = scratchSize;
    const start = entry.start ?? 0;
    let crc = 0;
    let done = 0;
    do {
      const length = Math.min(piece.length, entry.bytes - done);
      if (length > 0) readFully(inputOf(entry.file), piece, length, start + done);
      const bytes = piece.subarray(0, length);
      crc = zlib.crc32(bytes, crc);
      done += length;
      const last = done === entry.bytes;
      const out = zlib.deflateRawSync(bytes, {
        level: data.level,
        finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      });
      writeAll(scratch, out);
      scratchSize += out.length;
    } while (done < entry.bytes);
    deflated.set(entry.name, {offset, compressed: scratchSize - offset, bytes: entry.bytes, crc});
  }

  function writeZip(entries: readonly ZipEntrySource[]): number {
    for (const entry of entries) deflate(entry);
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
        const found = deflated.get(entry.name) as Deflated;
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
          readFully(scratch, piece, length, found.offset + copied);
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
    }
  }

  const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  const answer = (message: {ok: boolean; bytes?: number; problem?: string}): void => {
    for (const fd of inputs.values()) fs.closeSync(fd);
    fs.closeSync(scratch);
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
          for (const entry of message.entries) deflate(entry);
        } catch (error) {
          failure = messageOf(error);
        }
      return;
    }
    if (failure !== null) return answer({ok: false, problem: `it could not be processed (${failure})`});
    try {
      answer({ok: true, bytes: writeZip(message.entries)});
    } catch (error) {
      answer({ok: false, problem: `it could not be processed (${messageOf(error)})`});
    }
  });
}
