// How an export's entry is deflated, shared by the zip writer's thread (zip-write-worker.ts) and the
// exporting thread, which deflates the entries the writer has not reached once it has nothing else
// to do (zip-bridge.ts): both cores deflate the end of an export instead of one (P6). The writer's
// thread runs this function's source, as it runs its own (zip-bridge.ts), so it must stay
// self-contained: the modules come in as arguments.
//
// An entry is deflated in one call, with zlib's own CRC-32, instead of a stream of chunks through the
// thread pool. One larger than a piece is deflated piece by piece, each piece but the last ended by a
// sync flush: the pieces form one valid deflate stream, and memory holds one piece.

import type * as Fs from 'node:fs';
import type * as Zlib from 'node:zlib';
import type {ZipEntrySource} from './zip-bridge.js';

/** Where an entry's deflated bytes are in the file they were deflated into, and what they hold. */
export interface DeflatedEntry {
  readonly offset: number;
  readonly compressed: number;
  readonly bytes: number;
  readonly crc: number;
}

export interface ZipDeflater {
  /** Deflates the entry's bytes onto the end of the scratch file; a staged file cut short throws. */
  deflate(entry: ZipEntrySource): DeflatedEntry;
  /** Closes the staged files it opened and the scratch file. */
  close(): void;
}

export interface ZipFileCalls {
  readonly writeAll: (fd: number, bytes: Uint8Array, position?: number) => void;
  readonly readFully: (fd: number, into: Buffer, length: number, position: number) => void;
}

/** Whole writes and reads, which a single call does not promise. */
export function zipFileCalls(fs: typeof Fs): ZipFileCalls {
  return {
    writeAll: (fd, bytes, position) => {
      for (let done = 0; done < bytes.length;)
        done += fs.writeSync(
          fd,
          bytes,
          done,
          bytes.length - done,
          position === undefined ? null : position + done,
        );
    },
    readFully: (fd, into, length, position) => {
      for (let got = 0; got < length;) {
        const n = fs.readSync(fd, into, got, length - got, position + got);
        if (n === 0) throw new Error('a staged file ended early');
        got += n;
      }
    },
  };
}

/** A deflater into the new file `scratch` (mode 0600), at `level`, a piece of `piece.length` at a time. */
export function zipDeflater(
  fs: typeof Fs,
  zlib: typeof Zlib,
  calls: ZipFileCalls,
  scratch: string,
  level: number,
  piece: Buffer,
): ZipDeflater {
  const {O_RDONLY, O_NOFOLLOW} = fs.constants;
  const output = fs.openSync(scratch, 'wx+', 0o600);
  const inputs = new Map<string, number>();
  let size = 0;
  const inputOf = (file: string): number => {
    let fd = inputs.get(file);
    if (fd === undefined) inputs.set(file, (fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW)));
    return fd;
  };
  return {
    deflate(entry) {
      const offset = size;
      const start = entry.start ?? 0;
      let crc = 0;
      let done = 0;
      do {
        const length = Math.min(piece.length, entry.bytes - done);
        if (length > 0) calls.readFully(inputOf(entry.file), piece, length, start + done);
        const bytes = piece.subarray(0, length);
        crc = zlib.crc32(bytes, crc);
        done += length;
        const out = zlib.deflateRawSync(bytes, {
          level,
          finishFlush: done === entry.bytes ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
        });
        calls.writeAll(output, out);
        size += out.length;
      } while (done < entry.bytes);
      return {offset, compressed: size - offset, bytes: entry.bytes, crc};
    },
    close() {
      for (const fd of inputs.values()) fs.closeSync(fd);
      inputs.clear();
      fs.closeSync(output);
    },
  };
}
