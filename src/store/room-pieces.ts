// The message log as some rooms' reader or rewrite needs it: the lines that may be of those rooms,
// decoded, and between them the runs of lines that cannot be, as bytes. The rooms' ids are searched
// for in the bytes (Buffer.indexOf over a whole read), so the other lines of a big log are never
// decoded, split or parsed: a rewrite copies them as they are, a reader skips them.

import fs from 'node:fs';
import {countLines, lineAt, type JsonLine} from './jsonl.js';
import {io} from './durable-fs.js';
import {lineRegions, type ReadAt} from './line-regions.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

/** Reads of 1 MiB: a few hundred calls for a log of hundreds of megabytes. */
export const PIECE_BYTES = 1 << 20;

export type LogPiece =
  /** Complete lines none of which holds a room's id. `bytes` is valid until the next piece is asked for. */
  | {readonly kind: 'other'; readonly bytes: Buffer; readonly lastStart: number; readonly offset: number}
  | {readonly kind: 'line'; readonly line: JsonLine};

/**
 * The rooms' ids as the log holds them. The log is written with JSON.stringify, so an id appears in
 * its lines exactly as JSON.stringify gives it. (A hand-edited line that spells an id with \u
 * escapes would be missed.)
 */
export const roomNeedles = (roomIds: readonly string[]): Buffer[] =>
  roomIds.map((id) => Buffer.from(JSON.stringify(id), 'utf8'));

/**
 * The complete lines of `file` as it was when the read started, in pieces: every line holding one
 * of the needles as a line of its own, the rest in runs. A last line without its newline is left
 * out (jsonl.ts). Stopping early closes the file.
 */
export function* logPieces(
  file: string,
  needles: readonly Buffer[],
  chunkBytes: number = PIECE_BYTES,
): Generator<LogPiece> {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  let open = true;
  const numberAt = (offset: number) => (): number =>
    open ? countLines(fd, offset) + 1 : lineNumberIn(file, offset);
  try {
    const end = fs.fstatSync(fd).size;
    const read: ReadAt = (buffer, offset, length, position) =>
      io('read', file, () => fs.readSync(fd, buffer, offset, length, position));
    for (const {region, base} of lineRegions(fd, 0, end, chunkBytes, read))
      yield* piecesOf(region, base, needles, (bytes, offset) =>
        lineAt(bytes, file, offset, numberAt(offset)),
      );
  } finally {
    open = false;
    fs.closeSync(fd);
  }
}

/** The number of the line that starts at `offset`, counted only when a message names it. */
export function lineNumberIn(file: string, offset: number): number {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  try {
    return countLines(fd, offset) + 1;
  } finally {
    fs.closeSync(fd);
  }
}

/** Splits `region` (complete lines, starting at file offset `base`) at the lines that hold a needle. */
function* piecesOf(
  region: Buffer,
  base: number,
  needles: readonly Buffer[],
  line: (bytes: Buffer, offset: number) => JsonLine,
): Generator<LogPiece> {
  const next = needles.map(() => -2);
  let pos = 0;
  while (pos < region.length) {
    let hit = -1;
    for (let i = 0; i < needles.length; i++) {
      if ((next[i] as number) < pos && next[i] !== -1) next[i] = region.indexOf(needles[i] as Buffer, pos);
      const at = next[i] as number;
      if (at >= 0 && (hit < 0 || at < hit)) hit = at;
    }
    const start = hit < 0 ? region.length : hit === 0 ? 0 : region.lastIndexOf(0x0a, hit - 1) + 1;
    if (start > pos) yield other(region, pos, start, base);
    if (hit < 0) return;
    const stop = region.indexOf(0x0a, hit);
    yield {kind: 'line', line: line(region.subarray(start, stop), base + start)};
    pos = stop + 1;
  }
}

function other(region: Buffer, from: number, to: number, base: number): LogPiece {
  const lastStart = to - 1 === from ? from : region.lastIndexOf(0x0a, to - 2) + 1;
  return {
    kind: 'other',
    bytes: region.subarray(from, to),
    lastStart: Math.max(lastStart, from) - from,
    offset: base + from,
  };
}
