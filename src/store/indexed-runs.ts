// The lines of some rooms read through the message index (message-index.ts), each one checked: the
// one walk of the index's runs for a room's history (each line decoded) and an export's pass one
// (each line's room read from its bytes). What the index says is never trusted: a run out of the log
// it covers or overlapping another, not on line boundaries, a line the caller's check refuses, or a
// room with other than the lines it counts ends the walk with false, and the caller scans the log.

import fs from 'node:fs';
import type {FlatRuns, IndexData} from './message-index-file.js';

/**
 * The check of the lines of one piece of the log: `region` holds its bytes from file offset `base`;
 * the check is given each line's room (its place in the runs' rooms, as the index says) and its
 * bytes [start, stop) in `region` (stop: its newline), and answers whether the line is a message of
 * that room.
 */
export type PieceCheck = (
  region: Buffer,
  base: number,
) => (room: number, start: number, stop: number) => boolean;

export interface WalkLimits {
  /** More bytes of lines than this in all: false (a history is held in memory whole). */
  readonly maxBytes: number;
  /** Reads of at least this many bytes: 0 reads each run alone (a room's history: a few lines here and there). */
  readonly pieceBytes: number;
}

/** The runs of `roomIds` in an index held as arrays (a room's history, a console's views). */
export function runsOf(index: IndexData, roomIds: readonly string[]): FlatRuns {
  const rooms = [...new Set(roomIds)].flatMap((id) => {
    const runs = index.rooms.get(id);
    return runs ? [{id, lines: runs.lines, runs}] : [];
  });
  const count = rooms.reduce((n, {runs}) => n + runs.starts.length, 0);
  const flat = {
    rooms,
    starts: new Float64Array(count),
    ends: new Float64Array(count),
    owner: new Int32Array(count),
  };
  let at = 0;
  for (const [k, {runs}] of rooms.entries())
    for (let i = 0; i < runs.starts.length; i++, at++) {
      flat.starts[at] = runs.starts[i] as number;
      flat.ends[at] = runs.ends[i] as number;
      flat.owner[at] = k;
    }
  return flat;
}

/**
 * Gives every line of the runs, which index the open log `fd` up to `size`, to the checks in log
 * order; true when each line was accepted and each room had exactly the lines the index counts.
 */
export function walkIndexedLines(
  fd: number,
  {rooms, starts, ends, owner}: FlatRuns,
  size: number,
  {maxBytes, pieceBytes}: WalkLimits,
  pieceCheck: PieceCheck,
): boolean {
  const count = starts.length;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= size))
      return false;
    bytes += end - start;
  }
  if (bytes > maxBytes) return false;
  const seen = new Float64Array(rooms.length);
  let buffer = Buffer.alloc(0);
  // buffer[0, held) holds the log's bytes from `base` on, which `check` is for.
  let base = 0;
  let held = 0;
  let check: ReturnType<PieceCheck> = () => false;
  let last = 0;
  const order = logOrder(starts, size);
  for (let next = 0; next < count; next++) {
    const i = order[next] as number;
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (start < last) return false;
    last = end;
    // One byte more in front: the run must start right after a newline (or at the start of the log).
    const from = Math.max(0, start - 1);
    if (from < base || end > base + held) {
      // As far as the last of the next runs that end within a piece: a room's few lines far apart
      // are read alone, the lines of half the log's rooms in pieces.
      let to = end;
      for (let j = next + 1; j < count; j++) {
        const after = ends[order[j] as number] as number;
        if (after - from > pieceBytes) break;
        to = Math.max(to, after);
      }
      const want = to - from;
      if (buffer.length < want) buffer = Buffer.allocUnsafe(want);
      if (fs.readSync(fd, buffer, 0, want, from) !== want) return false;
      base = from;
      held = want;
      check = pieceCheck(buffer.subarray(0, held), base);
    }
    if (start > 0 && buffer[start - 1 - base] !== 0x0a) return false;
    if (buffer[end - 1 - base] !== 0x0a) return false;
    const k = owner[i] as number;
    let lines = 0;
    for (let line = start - base; line < end - base;) {
      const stop = buffer.indexOf(0x0a, line);
      if (!check(k, line, stop)) return false;
      lines += 1;
      line = stop + 1;
    }
    seen[k] = (seen[k] as number) + lines;
  }
  return rooms.every(({lines}, k) => seen[k] === lines);
}

/**
 * The runs' indices in the order of their starts, put in buckets of starts of about one run each,
 * then each bucket in order: linear where a sort of numbers took 60-130 ms for the half a million runs
 * an export of half of L takes. A bucket of many runs (the log's runs crowded in one part) is sorted.
 */
function logOrder(starts: Float64Array, size: number): Uint32Array {
  const n = starts.length;
  const width = Math.max(1, Math.ceil(size / Math.max(n, 1)));
  const buckets = Math.floor(size / width) + 1;
  // first[b]: where bucket b's runs start in `order`; first[b + 1], where they end.
  const first = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((starts[i] as number) / width) + 1;
    first[b] = (first[b] as number) + 1;
  }
  for (let b = 1; b <= buckets; b++) first[b] = (first[b] as number) + (first[b - 1] as number);
  const order = new Uint32Array(n);
  const fill = first.slice(0, buckets);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((starts[i] as number) / width);
    order[fill[b] as number] = i;
    fill[b] = (fill[b] as number) + 1;
  }
  for (let b = 0; b < buckets; b++) {
    const from = first[b] as number;
    const to = first[b + 1] as number;
    if (to - from > 16)
      order.subarray(from, to).sort((x, y) => (starts[x] as number) - (starts[y] as number));
    else
      for (let j = from + 1; j < to; j++) {
        const run = order[j] as number;
        let k = j - 1;
        for (; k >= from && (starts[order[k] as number] as number) > (starts[run] as number); k--)
          order[k + 1] = order[k] as number;
        order[k + 1] = run;
      }
  }
  return order;
}
