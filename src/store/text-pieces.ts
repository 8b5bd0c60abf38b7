// A file's UTF-8 text and SHA-256, read in pieces through one buffer this module keeps, for a file
// whose bytes are checked against a SHA-256 before the text is used (the checkpoint the state log
// names: state-file.ts).
//
// Why not the bytes whole. A buffer of the file's size (31 MiB for L's state.json) comes from malloc,
// which maps a block that large on its own; freed, such a block raises malloc's threshold for mapping
// blocks to its size, and its threshold for giving memory back to twice that. From then on every
// block under 31 MiB came from malloc's heaps and was kept when freed: the zip worker's, the
// import's buffers, the rewritten log's, up to 70 MiB of a process that never used more than a few
// at a time (P6: an import's peak of memory, 35 MiB lower with the threshold held; README).

import fs from 'node:fs';
import {createHash} from 'node:crypto';
import {io} from './durable-fs.js';

/** Under malloc's first threshold (128 KiB), so that the buffer comes from its heap, not a mapping. */
export const PIECE_BYTES = 64 * 1024;

let piece: Buffer | null = null;

/** How many bytes at the end of `bytes` (up to 3) begin a character that may go on past them. */
function openTail(bytes: Buffer, end: number): number {
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = bytes[end - back] as number;
    if ((byte & 0xc0) !== 0x80) {
      // The lead byte of a sequence of `want` bytes, of which `back` are here.
      const want = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return want > back ? back : 0;
    }
  }
  return 0;
}

/**
 * The text of the open file `fd` from its start (`size` bytes, as its fstat said), decoded as UTF-8,
 * and the SHA-256 of the bytes read; null when the file holds other than `size` bytes. Decoding is
 * not checked: the caller compares the SHA-256 with the one of bytes it wrote, before using the text.
 */
export function readTextInPieces(
  fd: number,
  file: string,
  size: number,
): {text: string; sha256: string} | null {
  const buffer = piece ?? Buffer.allocUnsafe(PIECE_BYTES);
  piece = null;
  try {
    const hash = createHash('sha256');
    const parts: string[] = [];
    let carried = 0;
    let position = 0;
    for (;;) {
      const n = io('read', file, () => fs.readSync(fd, buffer, carried, buffer.length - carried, position));
      position += n;
      if (position > size) return null;
      const end = carried + n;
      if (n === 0) {
        if (position !== size) return null;
        if (end > 0) parts.push(buffer.toString('utf8', 0, end));
        return {text: parts.join(''), sha256: hash.digest('hex')};
      }
      hash.update(buffer.subarray(carried, end));
      // A character cut by the piece's end is decoded with the next piece.
      const cut = end - openTail(buffer, end);
      parts.push(buffer.toString('utf8', 0, cut));
      buffer.copy(buffer, 0, cut, end);
      carried = end - cut;
    }
  } finally {
    piece = buffer;
  }
}
