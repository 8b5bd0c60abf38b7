// Pass two of an export from the log (archive-write.ts): every exported room's lines, gathered out of
// the one log into one staging file, room after room, each room one span of it, hashed on the way.
// A room's lines are scattered over the log; copying them one read per line, into a file per room,
// cost a read per message and two opens per room (a million reads and twenty thousand opens on L: a
// third of the export, README P6). Here the rooms are taken in groups of at most GROUP_BYTES: each
// group's lines are copied out of large sequential reads of the log into one buffer, which is then
// hashed room by room and written with one write. A room larger than a group is copied alone, through
// the same reads, straight to the file. Memory holds one group and one window, never the log.

import {createHash} from 'node:crypto';
import fs from 'node:fs';
import {io, writeAll} from './durable-fs.js';

const {O_RDONLY, O_NOFOLLOW, O_WRONLY, O_CREAT, O_EXCL} = fs.constants;

/**
 * A group's buffer: a pass over the log per group, so larger groups mean fewer passes. 16 MiB, not
 * 32: the export of one pool of L peaked 15-20 MiB lower for the same CPU within the noise of a
 * loaded machine (each pass reads the log from the page cache in 4 MiB pieces); 8 MiB saved little
 * more.
 */
export const GROUP_BYTES = 16 << 20;
const WINDOW_BYTES = 4 << 20;

/** Entries per piece of LogLines: 64 Ki of them, a megabyte. */
const LINES_PER_PIECE = 1 << 16;

interface LinesPiece {
  readonly room: Int32Array;
  readonly offset: Float64Array;
  readonly length: Int32Array;
}

/**
 * The lines of the log an export takes, in log order: for line i, its room (by content index), its
 * byte offset in the log (or -1 - k for replaced[k], a line a removal replaced) and its length. Kept
 * in pieces that are added, never grown and copied: each doubling of one array left the old one as
 * garbage, a second copy of L's lines per pool that the collector freed late (P6's peak of memory).
 */
export class LogLines {
  count = 0;
  readonly pieces: LinesPiece[] = [];

  push(room: number, offset: number, length: number): void {
    const at = this.count % LINES_PER_PIECE;
    if (at === 0)
      this.pieces.push(
        spareSlot.kept?.deref()?.pop() ?? {
          room: new Int32Array(LINES_PER_PIECE),
          offset: new Float64Array(LINES_PER_PIECE),
          length: new Int32Array(LINES_PER_PIECE),
        },
      );
    const piece = this.pieces[this.pieces.length - 1] as LinesPiece;
    piece.room[at] = room;
    piece.offset[at] = offset;
    piece.length[at] = length;
    this.count += 1;
  }

  /** How many lines piece `k` holds. */
  used(k: number): number {
    return Math.min(LINES_PER_PIECE, this.count - k * LINES_PER_PIECE);
  }

  /** Empties the table, leaving its pieces to the next export's while they are not collected. */
  release(): void {
    const spare = spareSlot.kept?.deref() ?? [];
    spare.push(...this.pieces);
    spareSlot.kept = new WeakRef(spare);
    this.pieces.length = 0;
    this.count = 0;
  }
}

const spareSlot: {kept: WeakRef<LinesPiece[]> | null} = {kept: null};

/**
 * A buffer of at least `bytes` for `slot`: the one the last export used while the collector has not
 * taken it, so a script exporting pool after pool reuses one instead of leaving one per pool as
 * garbage (P6's peak of memory), and a long-lived console holds none once it is collected.
 */
function reusable(slot: {kept: WeakRef<Buffer> | null}, bytes: number): Buffer {
  const kept = slot.kept?.deref();
  if (kept !== undefined && kept.length >= bytes) return kept.subarray(0, bytes);
  const made = Buffer.allocUnsafe(bytes);
  slot.kept = new WeakRef(made);
  return made;
}

const memorySlot: {kept: WeakRef<Buffer> | null} = {kept: null};

/** One room's span of the staging file. */
export interface CopiedRoom {
  readonly start: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly messages: number;
}

/**
 * Copies the rooms' lines (rooms 0 to `rooms` - 1) into a new file (mode 0600), room by room, telling
 * `staged` of each group's rooms once they are written.
 */
export function copyRoomLines(
  log: string,
  lines: LogLines,
  replaced: readonly string[],
  rooms: number,
  file: string,
  groupBytes = GROUP_BYTES,
  staged: (rooms: readonly CopiedRoom[]) => void = () => undefined,
): CopiedRoom[] {
  const bytes = new Float64Array(rooms);
  const messages = new Int32Array(rooms);
  for (const [k, piece] of lines.pieces.entries())
    for (let i = 0, n = lines.used(k); i < n; i++) {
      const room = piece.room[i] as number;
      bytes[room] = (bytes[room] as number) + (piece.length[i] as number);
      messages[room] = (messages[room] as number) + 1;
    }
  const groups: {first: number; end: number; total: number}[] = [];
  for (let first = 0; first < rooms;) {
    let end = first + 1;
    let total = bytes[first] as number;
    while (end < rooms && total + (bytes[end] as number) <= groupBytes) total += bytes[end++] as number;
    groups.push({first, end, total});
    first = end;
  }
  // One buffer for every group, as large as the largest: a buffer per group would be garbage that
  // the collector frees late, several groups' worth of memory at once. The log's window follows it
  // in the same memory, so that a line is copied into its group with copyWithin, which allocates
  // nothing (a slice per line was a million short-lived objects per pool of L).
  const groupMax = groups.reduce((n, g) => (g.total > groupBytes ? n : Math.max(n, g.total)), 0);
  const memory = reusable(memorySlot, groupMax + WINDOW_BYTES);
  const input = io('open', log, () => fs.openSync(log, O_RDONLY | O_NOFOLLOW));
  const output = io('create', file, () => fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600));
  const copied: CopiedRoom[] = [];
  try {
    const window = new LogWindow(log, input, replaced, memory, groupMax);
    let position = 0;
    for (const {first, end, total} of groups) {
      const spans =
        total > groupBytes
          ? [copyLargeRoom(first, total, lines, window, output)]
          : copyGroup(first, end, bytes, memory.subarray(0, total), lines, window, output);
      const group = spans.map((span, k) => {
        const room = {...span, start: position, messages: messages[first + k] as number};
        position += span.bytes;
        return room;
      });
      for (const room of group) copied.push(room);
      staged(group);
    }
  } finally {
    fs.closeSync(input);
    fs.closeSync(output);
  }
  return copied;
}

type Span = Omit<CopiedRoom, 'start' | 'messages'>;

/** Copies the group's lines into `buffer`, which starts the memory the window shares. */
function copyGroup(
  first: number,
  end: number,
  bytes: Float64Array,
  buffer: Buffer,
  lines: LogLines,
  window: LogWindow,
  output: number,
): Span[] {
  const fill = new Float64Array(end - first);
  for (let room = first + 1; room < end; room++)
    fill[room - first] = (fill[room - first - 1] as number) + (bytes[room - 1] as number);
  const starts = Float64Array.from(fill);
  for (const [k, piece] of lines.pieces.entries())
    for (let i = 0, n = lines.used(k); i < n; i++) {
      const room = piece.room[i] as number;
      if (room < first || room >= end) continue;
      const length = piece.length[i] as number;
      const at = fill[room - first] as number;
      window.copyLine(piece.offset[i] as number, length, at);
      fill[room - first] = at + length;
    }
  writeAll(output, buffer);
  return [...starts].map((start, k) => {
    const span = buffer.subarray(start, start + (bytes[first + k] as number));
    return {bytes: span.length, sha256: createHash('sha256').update(span).digest('hex')};
  });
}

function copyLargeRoom(
  room: number,
  total: number,
  lines: LogLines,
  window: LogWindow,
  output: number,
): Span {
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(WINDOW_BYTES);
  let used = 0;
  const flush = (): void => {
    hash.update(block.subarray(0, used));
    writeAll(output, block.subarray(0, used));
    used = 0;
  };
  for (const [k, piece] of lines.pieces.entries())
    for (let i = 0, n = lines.used(k); i < n; i++) {
      if (piece.room[i] !== room) continue;
      const line = window.line(piece.offset[i] as number, piece.length[i] as number);
      if (used + line.length > block.length) flush();
      if (line.length > block.length) {
        hash.update(line);
        writeAll(output, line);
      } else used += line.copy(block, used);
    }
  flush();
  return {bytes: total, sha256: hash.digest('hex')};
}

/**
 * The log read in large sequential pieces: a line is sliced out of the piece that holds it, or
 * copied from it to a place in the memory the window shares (`memory`, the window at `base`).
 */
class LogWindow {
  private readonly buffer: Buffer;
  private start = 0;
  private end = 0;

  private readonly log: string;
  private readonly fd: number;
  private readonly replaced: readonly string[];
  private readonly memory: Buffer;
  private readonly base: number;

  constructor(log: string, fd: number, replaced: readonly string[], memory: Buffer, base: number) {
    this.log = log;
    this.fd = fd;
    this.replaced = replaced;
    this.memory = memory;
    this.base = base;
    this.buffer = memory.subarray(base, base + WINDOW_BYTES);
  }

  /** Copies the line at `offset` to memory[to, to + length). */
  copyLine(offset: number, length: number, to: number): void {
    if (offset < 0 || length > this.buffer.length) {
      this.line(offset, length).copy(this.memory, to);
      return;
    }
    if (!(offset >= this.start && offset + length <= this.end)) {
      this.start = offset;
      this.end = offset + this.read(this.buffer, offset, length).length;
    }
    const from = this.base + offset - this.start;
    this.memory.copyWithin(to, from, from + length);
  }

  line(offset: number, length: number): Buffer {
    if (offset < 0) return Buffer.from(this.replaced[-1 - offset] ?? '', 'utf8');
    if (offset >= this.start && offset + length <= this.end)
      return this.buffer.subarray(offset - this.start, offset - this.start + length);
    if (length > this.buffer.length) return this.read(Buffer.allocUnsafe(length), offset, length);
    this.start = offset;
    this.end = offset + this.read(this.buffer, offset, length).length;
    return this.buffer.subarray(0, length);
  }

  /** At least `least` bytes at `offset` (as many as fit, up to the buffer), or the log was cut. */
  private read(into: Buffer, offset: number, least: number): Buffer {
    let got = 0;
    while (got < into.length) {
      const n = io('read', this.log, () => fs.readSync(this.fd, into, got, into.length - got, offset + got));
      if (n === 0) break;
      got += n;
    }
    if (got < least) throw new Error(`${this.log} ended before the line at byte offset ${offset}.`);
    return into.subarray(0, got);
  }
}
