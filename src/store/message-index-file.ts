// messages.jsonl.index: where each room's lines are in messages.jsonl, for a room's history without
// a scan of the log (message-index.ts). It is derived, never the source of truth: anything wrong with
// it (torn, garbage, written by someone else, made for another log) makes readers rebuild it or scan.
//
// Layout: MAGIC, a 4-byte little-endian length, a JSON header, then the body: for each room of the
// header in turn, its runs of consecutive lines as pairs of byte offsets (start, end past the
// newline), float64 little-endian. The header names the log it was made for (LogKey), each room's
// number of runs and lines, and the body's SHA-256, so a torn or cut file is never read as an index.

import {createHash, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import {newFileMode} from './safety.js';
import {tempPath} from './store-files.js';
import {sha256} from './state-file.js';

const {O_RDONLY, O_NOFOLLOW, O_NONBLOCK, O_WRONLY, O_CREAT, O_EXCL} = fs.constants;
const MAGIC = Buffer.from('PCHATIX1');
const SAMPLE_BYTES = 4096;

/**
 * Which log, and which of its bytes, an index describes: the file (device and inode), the size it
 * covers, and a hash of five windows of those bytes (the first, the last, and three between). A
 * log rewritten by a commit is a new file; an append leaves the covered bytes as they were; a log
 * cut back and written again (a commit undone after a crash) changes its last window.
 */
export interface LogKey {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly sample: string;
}

export interface RoomRuns {
  /** Start and end (past the newline) of each run of the room's consecutive lines, in log order. */
  readonly starts: number[];
  readonly ends: number[];
  lines: number;
}

export interface IndexData {
  readonly key: LogKey;
  readonly rooms: Map<string, RoomRuns>;
}

// Built at its first parse (z.lazy; why: domain/lazy-schemas.ts): a Get reads no message index.
const headerSchema = z.lazy(() =>
  z.strictObject({
    key: z.strictObject({
      dev: z.number(),
      ino: z.number(),
      size: z.number().int().nonnegative(),
      sample: z.string(),
    }),
    rooms: z.array(z.tuple([z.string(), z.number().int().positive(), z.number().int().positive()])),
    body: z.string(),
  }),
);

/** The key of the first `size` bytes of the open log `fd`. */
export function logKey(fd: number, stat: fs.Stats, size: number): LogKey {
  const hash = createHash('sha256');
  const window = Buffer.allocUnsafe(SAMPLE_BYTES);
  const last = Math.max(0, size - SAMPLE_BYTES);
  for (const at of [0, Math.floor(last / 4), Math.floor(last / 2), Math.floor((last * 3) / 4), last]) {
    const n = fs.readSync(fd, window, 0, Math.min(SAMPLE_BYTES, size - at), at);
    hash.update(window.subarray(0, n));
  }
  return {dev: stat.dev, ino: stat.ino, size, sample: hash.digest('hex')};
}

export const sameLog = (a: LogKey, b: LogKey): boolean =>
  a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.sample === b.sample;

export function encode(data: IndexData): Buffer {
  const rooms: [string, number, number][] = [];
  let runs = 0;
  for (const [id, r] of data.rooms) {
    rooms.push([id, r.starts.length, r.lines]);
    runs += r.starts.length;
  }
  const body = new Float64Array(runs * 2);
  let at = 0;
  for (const r of data.rooms.values())
    for (let i = 0; i < r.starts.length; i++) {
      body[at++] = r.starts[i] as number;
      body[at++] = r.ends[i] as number;
    }
  const bodyBytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const header = Buffer.from(JSON.stringify({key: data.key, rooms, body: sha256(bodyBytes)}));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([MAGIC, length, header, bodyBytes]);
}

type Header = z.infer<typeof headerSchema>;

/** The header at the start of `bytes` (which hold at least MAGIC and the length) and where it ends. */
function headerOf(bytes: Buffer, size: number): {header: Header; end: number} | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const end = MAGIC.length + 4 + bytes.readUInt32LE(MAGIC.length);
  if (end > Math.min(size, bytes.length)) return null;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(bytes.subarray(MAGIC.length + 4, end).toString()));
    if (!parsed.success) return null;
    // Each room once, and a body of exactly their runs.
    if (new Set(parsed.data.rooms.map(([id]) => id)).size !== parsed.data.rooms.length) return null;
    const runs = parsed.data.rooms.reduce((sum, [, n]) => sum + n, 0);
    return size - end === runs * 16 ? {header: parsed.data, end} : null;
  } catch {
    return null;
  }
}

/** The index in `bytes`, or null when they are not a whole, consistent index. */
export function decode(bytes: Buffer): IndexData | null {
  const read = headerOf(bytes, bytes.length);
  if (read === null) return null;
  const {header, end} = read;
  const bodyBytes = bytes.subarray(end);
  if (sha256(bodyBytes) !== header.body) return null;
  const body = new Float64Array(bodyBytes.length / 8);
  Buffer.from(body.buffer).set(bodyBytes);
  const rooms = new Map<string, RoomRuns>();
  let at = 0;
  for (const [id, n, lines] of header.rooms) {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < n; i++) {
      starts.push(body[at++] as number);
      ends.push(body[at++] as number);
    }
    rooms.set(id, {starts, ends, lines});
  }
  return {key: header.key, rooms};
}

/** Some rooms' runs, flat: run i is [starts[i], ends[i]) of rooms[owner[i]]. */
export interface FlatRuns {
  /** The rooms, each with the lines the index counts for it. */
  readonly rooms: readonly {readonly id: string; readonly lines: number}[];
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly owner: Int32Array;
}

/** Pieces of the body read at a time: a multiple of a run's 16 bytes. */
const BODY_PIECE = 1 << 20;

/**
 * The key and the runs of the rooms `wanted` of the index file, or null as readIndexFile and decode
 * give null: the same checks (the header, the body's size and hash), with the body read in pieces
 * and only the wanted rooms' runs kept. An export's pass one wants about half of a log's rooms, and
 * decode's arrays of every room (24 MB for L, after the file's bytes and a copy of its body, 32 MB)
 * beside the export passed its bound of memory.
 */
export function readIndexRuns(
  file: string,
  limit: number,
  wanted: ReadonlySet<string>,
): {key: LogKey; runs: FlatRuns} | null {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > limit || stat.size < MAGIC.length + 4) return null;
    const front = Buffer.allocUnsafe(MAGIC.length + 4);
    if (fs.readSync(fd, front, 0, front.length, 0) !== front.length) return null;
    const headerBytes = Buffer.allocUnsafe(
      Math.min(stat.size, front.length + front.readUInt32LE(MAGIC.length)),
    );
    if (fs.readSync(fd, headerBytes, 0, headerBytes.length, 0) !== headerBytes.length) return null;
    const read = headerOf(headerBytes, stat.size);
    if (read === null) return null;
    const {header, end} = read;
    const rooms: {id: string; lines: number}[] = [];
    // Each run of the body in turn: its room's place in `rooms`, or -1 for a room not wanted.
    const runOwner = new Int32Array((stat.size - end) / 16);
    let runs = 0;
    let at = 0;
    for (const [id, n, lines] of header.rooms) {
      const k = wanted.has(id) ? rooms.push({id, lines}) - 1 : -1;
      runOwner.fill(k, at, at + n);
      at += n;
      if (k >= 0) runs += n;
    }
    const flat = {
      rooms,
      starts: new Float64Array(runs),
      ends: new Float64Array(runs),
      owner: new Int32Array(runs),
    };
    const piece = new Float64Array(BODY_PIECE / 8);
    const pieceBytes = Buffer.from(piece.buffer);
    const hash = createHash('sha256');
    let kept = 0;
    for (let position = end, run = 0; position < stat.size;) {
      const n = fs.readSync(fd, pieceBytes, 0, Math.min(BODY_PIECE, stat.size - position), position);
      if (n === 0 || n % 16 !== 0) return null;
      hash.update(pieceBytes.subarray(0, n));
      for (let i = 0; i < n / 8; i += 2, run++) {
        const k = runOwner[run] as number;
        if (k < 0) continue;
        flat.starts[kept] = piece[i] as number;
        flat.ends[kept] = piece[i + 1] as number;
        flat.owner[kept++] = k;
      }
      position += n;
    }
    return hash.digest('hex') === header.body ? {key: header.key, runs: flat} : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The index file's bytes, or null when there is none to read: not a regular file (a link, a FIFO
 * or a directory planted there is never followed or waited on), or larger than `limit`.
 */
export function readIndexFile(file: string, limit: number): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > limit) return null;
    const bytes = Buffer.allocUnsafe(stat.size);
    let got = 0;
    while (got < bytes.length) {
      const n = fs.readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) return null;
      got += n;
    }
    return bytes;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes the index beside the log: a new temp file (never through a planted one), then a rename, so
 * a reader sees the old index or the new one, whole, and a process killed on the way leaves only a
 * temp file that the next commit sweeps. Not flushed: a file a power loss cut short fails its hash.
 * Best effort: an operator who may not write the store's folder simply has no index file.
 */
export function writeIndexFile(file: string, data: IndexData): boolean {
  const temp = tempPath(file, `${randomBytes(6).toString('hex')}-index`);
  try {
    const mode = newFileMode(fs.statSync(path.dirname(file)));
    const fd = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
    try {
      fs.fchmodSync(fd, mode);
      const bytes = encode(data);
      for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    return true;
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Swept with the other temp files by the next commit.
    }
    return false;
  }
}
