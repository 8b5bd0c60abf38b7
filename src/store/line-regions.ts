// The message log read forward in pieces as regions of complete lines: the one read loop of the
// index and the export's pass (line-rooms.ts), the rooms' readers and rewrites (room-pieces.ts) and
// the rewrite that drops whole rooms (room-lines-drop.ts).

import fs from 'node:fs';

/** Reads into `buffer` at `offset` up to `length` bytes from `position`; the caller wraps errors. */
export type ReadAt = (buffer: Buffer, offset: number, length: number, position: number) => number;

/**
 * The complete lines of the open file `fd` in [from, to), as regions read in pieces of at least
 * `pieceBytes` (a longer line grows the buffer), each with the file offset it starts at. A region is
 * valid only until the next one is asked for: the buffer is reused. A last line without its newline
 * is left out, as readers leave it (jsonl.ts).
 */
export function* lineRegions(
  fd: number,
  from: number,
  to: number,
  pieceBytes: number,
  read: ReadAt = (buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
): Generator<{readonly region: Buffer; readonly base: number}> {
  let work = Buffer.allocUnsafe(Math.max(pieceBytes, 1));
  // work[0, held) holds the bytes from file offset `base` on not yet handed out.
  let base = from;
  let held = 0;
  for (let position = from; position < to;) {
    if (work.length - held < pieceBytes) {
      const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, held + pieceBytes));
      work.copy(bigger, 0, 0, held);
      work = bigger;
    }
    const n = read(work, held, Math.min(work.length - held, to - position), position);
    if (n === 0) break;
    position += n;
    held += n;
    const complete = work.lastIndexOf(0x0a, held - 1) + 1;
    if (complete === 0) continue;
    yield {region: work.subarray(0, complete), base};
    work.copy(work, 0, complete, held);
    held -= complete;
    base += complete;
  }
}
