// What no export or import of P6 can take less than, whatever the store does: the export deflates
// the bytes it reads (at the level the archives use), the import inflates the archives. Each is
// timed on one core, in this process, with nothing else: the reads are outside the timing. Printed in
// P6's notes beside the streaming copy, so that a missed goal says how much of it is the codec's.

import fs from 'node:fs';
import {performance} from 'node:perf_hooks';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import {DEFLATE_LEVEL} from '../../src/store/zip-bridge.js';

const PIECE = 1 << 20;

/** Milliseconds to deflate `files` a MiB at a time (larger pieces than most entries: a lower bound). */
export function deflateMs(files: readonly string[]): number {
  const buffer = Buffer.allocUnsafe(PIECE);
  let ms = 0;
  for (const file of files) {
    const fd = fs.openSync(file, 'r');
    try {
      for (
        let n = fs.readSync(fd, buffer, 0, PIECE, null);
        n > 0;
        n = fs.readSync(fd, buffer, 0, PIECE, null)
      ) {
        const start = performance.now();
        zlib.deflateRawSync(buffer.subarray(0, n), {level: DEFLATE_LEVEL});
        ms += performance.now() - start;
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  return ms;
}

/** Milliseconds to inflate every entry of `archives`, and the bytes they hold. */
export async function inflateMs(archives: readonly string[]): Promise<{ms: number; bytes: number}> {
  let ms = 0;
  let bytes = 0;
  for (const archive of archives) {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(archive, {lazyEntries: true}, (error, opened) => (error ? reject(error) : resolve(opened))),
    );
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, {decompress: false}, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            const start = performance.now();
            const raw = Buffer.concat(chunks);
            bytes += entry.compressionMethod === 8 ? zlib.inflateRawSync(raw).length : raw.length;
            ms += performance.now() - start;
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
    zip.close();
  }
  return {ms, bytes};
}
