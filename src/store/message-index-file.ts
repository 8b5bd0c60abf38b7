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

/** The index in `bytes`, or null when they are not a whole, consistent index. */
export function decode(bytes: Buffer): IndexData | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const headerEnd = MAGIC.length + 4 + bytes.readUInt32LE(MAGIC.length);
  if (headerEnd > bytes.length) return null;
  let header: z.infer<typeof headerSchema>;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(bytes.subarray(MAGIC.length + 4, headerEnd).toString()));
    if (!parsed.success) return null;
    header = parsed.data;
  } catch {
    return null;
  }
  const bodyBytes = bytes.subarray(headerEnd);
  const runs = header.rooms.reduce((sum, [, n]) => sum + n, 0);
  if (bodyBytes.length !== runs * 16) return null;
  if (sha256(bodyBytes) !== header.body) return null;
  const body = new Float64Array(runs * 2);
  Buffer.from(body.buffer).set(bodyBytes);
  const rooms = new Map<string, RoomRuns>();
  let at = 0;
  for (const [id, n, lines] of header.rooms) {
    if (rooms.has(id)) return null;
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
