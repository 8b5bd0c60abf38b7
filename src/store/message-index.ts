// A room's history without a scan of the log: messages.jsonl.index (message-index-file.ts) says
// where each room's lines are, and a read goes straight to them.
//
// Spec note: the index is derived and never trusted. It is used only for the log it names (same
// file, and the same bytes where it samples them); a log that grew since is indexed for its new
// lines only; every line read through it must be a message of the room asked for, on a line
// boundary, and each room must have exactly the lines it counts. Anything else (a torn, garbage or
// foreign index, damage in the log) makes the read a scan, which reports damage as it always has.
//
// Readers write it, not committers: it costs a commit nothing (P5: a commit costs what it changes),
// a store only read (or read by an operator who may not commit) gets one too, and it needs no lock,
// because each index file is whole (temp, rename) and correct for the log it names, so the last of
// two racing writers wins and the other costs at most a re-index of the tail. A commit that rewrites
// the log carries the index over to the new file (MessageDraft) when it had one for the old.

import fs from 'node:fs';
import {io} from './durable-fs.js';
import {lineAt, toRecord, type JsonLine, type LogFormat} from './jsonl.js';
import {readLineRooms, UnreadableLine} from './line-rooms.js';
import {
  decode,
  logKey,
  readIndexFile,
  sameLog,
  writeIndexFile,
  type IndexData,
  type LogKey,
  type RoomRuns,
} from './message-index-file.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

/** Below this a scan is as quick as reading an index, and no index file is written. */
export const INDEX_MIN_BYTES = 1 << 20;
/** A room read through the index is verified whole before it is returned: past this, it is scanned. */
const MAX_ROOM_BYTES = 32 << 20;
/** The index file is written again once this much of the log is indexed in memory only. */
const REWRITE_AFTER_BYTES = 4 << 20;
const KEEP_LOGS = 4;

interface Held {
  data: IndexData;
  /** How much of the log the index file on disk covers, as far as this process knows. */
  savedSize: number;
}

/** The last indexes this process used, by log path: a console's history views reuse it. */
const held = new Map<string, Held>();

export const indexFileOf = (log: string): string => `${log}.index`;

/** Forgets the indexes held in memory, as a new process starts (tests). */
export const forgetHeldIndexes = (): void => held.clear();

/**
 * The messages of `roomIds` in log order, read through the index and shown through `view` (the log's
 * removals); null when the log is too small to be worth an index or the index cannot be trusted for
 * this read: the caller scans.
 */
export function indexedMessages<T extends {readonly roomId: string}>(
  file: string,
  roomIds: readonly string[],
  format: LogFormat<T>,
  view: (line: JsonLine) => JsonLine | null = (line) => line,
): T[] | null {
  const lines = indexedLines(file, roomIds, format);
  if (lines === null) return null;
  const out: T[] = [];
  for (const {line, record} of lines) {
    const shown = view(line);
    if (shown === line) out.push(record);
    else if (shown !== null) out.push(toRecord(shown, file, format));
  }
  return out;
}

/** The lines of `roomIds` in log order as the log holds them, each with its record; null as above. */
export function indexedLines<T extends {readonly roomId: string}>(
  file: string,
  roomIds: readonly string[],
  format: LogFormat<T>,
): {line: JsonLine; record: T}[] | null {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  try {
    const stat = fs.fstatSync(fd);
    if (stat.size < INDEX_MIN_BYTES) return null;
    const index = currentIndex(file, fd, stat);
    return index === null ? null : readRooms(fd, file, index, roomIds, format);
  } finally {
    fs.closeSync(fd);
  }
}

/** Gives a log that a commit is about to install the index carried over from the old one. */
export function adoptIndex(finalFile: string, data: IndexData): void {
  remember(finalFile, {data, savedSize: data.key.size});
  writeIndexFile(indexFileOf(finalFile), data);
}

function currentIndex(file: string, fd: number, stat: fs.Stats): IndexData | null {
  let mine = held.get(file);
  if (mine && !covers(mine.data.key, fd, stat)) mine = undefined;
  if (!mine) {
    const bytes = readIndexFile(indexFileOf(file), stat.size + (1 << 20));
    const data = bytes === null ? null : decode(bytes);
    if (data && covers(data.key, fd, stat)) mine = {data, savedSize: data.key.size};
  }
  const start: IndexData = mine?.data ?? {
    key: {dev: stat.dev, ino: stat.ino, size: 0, sample: ''},
    rooms: new Map<string, RoomRuns>(),
  };
  let data: IndexData;
  try {
    data = extend(fd, stat, start);
  } catch (error) {
    held.delete(file);
    if (error instanceof UnreadableLine) return null;
    throw error;
  }
  const saved = mine?.savedSize ?? 0;
  const next = {data, savedSize: saved};
  // One that could not be written (a folder the operator may not write) is not tried at every read.
  if (saved === 0 || data.key.size - saved >= REWRITE_AFTER_BYTES) {
    writeIndexFile(indexFileOf(file), data);
    next.savedSize = data.key.size;
  }
  remember(file, next);
  return data;
}

function remember(file: string, entry: Held): void {
  held.delete(file);
  held.set(file, entry);
  for (const old of held.keys()) if (held.size > KEEP_LOGS) held.delete(old);
}

/** The index is for this file, and the bytes it covers are still those it was made from. */
function covers(key: LogKey, fd: number, stat: fs.Stats): boolean {
  if (key.dev !== stat.dev || key.ino !== stat.ino || key.size > stat.size) return false;
  return sameLog(key, logKey(fd, stat, key.size));
}

/** `index` with the complete lines the log has past what it covers; the same object when there are none. */
function extend(fd: number, stat: fs.Stats, index: IndexData): IndexData {
  // In place: a failure drops the index from memory.
  const end = indexLines(fd, index.key.size, stat.size, index.rooms);
  if (end === index.key.size) return index;
  return {key: logKey(fd, stat, end), rooms: index.rooms};
}

/** Adds the complete lines in [from, to) to `rooms`; returns where the last of them ends. */
export const indexLines = (fd: number, from: number, to: number, rooms: Map<string, RoomRuns>): number =>
  readLineRooms(fd, from, to, (roomId, start, end) => addLine(rooms, roomId, start, end));

export function addLine(rooms: Map<string, RoomRuns>, roomId: string, start: number, end: number): void {
  let room = rooms.get(roomId);
  if (!room) {
    room = {starts: [], ends: [], lines: 0};
    rooms.set(roomId, room);
  }
  const last = room.ends.length - 1;
  if (last >= 0 && room.ends[last] === start) room.ends[last] = end;
  else {
    room.starts.push(start);
    room.ends.push(end);
  }
  room.lines += 1;
}

/** The rooms' lines through the index, each checked; null at the first doubt. */
function readRooms<T extends {readonly roomId: string}>(
  fd: number,
  file: string,
  index: IndexData,
  roomIds: readonly string[],
  format: LogFormat<T>,
): {line: JsonLine; record: T}[] | null {
  const runs: {start: number; end: number; roomId: string}[] = [];
  const expected = new Map<string, number>();
  let bytes = 0;
  for (const roomId of new Set(roomIds)) {
    const room = index.rooms.get(roomId);
    if (!room) continue;
    expected.set(roomId, room.lines);
    for (let i = 0; i < room.starts.length; i++) {
      const start = room.starts[i] as number;
      const end = room.ends[i] as number;
      if (!(start >= 0 && end > start && end <= index.key.size)) return null;
      bytes += end - start;
      runs.push({start, end, roomId});
    }
  }
  if (bytes > MAX_ROOM_BYTES) return null;
  runs.sort((a, b) => a.start - b.start);
  const out: {line: JsonLine; record: T}[] = [];
  const seen = new Map<string, number>();
  for (const run of runs) {
    // One byte more in front: the run must start right after a newline (or at the start of the log).
    const from = Math.max(0, run.start - 1);
    const buffer = Buffer.allocUnsafe(run.end - from);
    if (fs.readSync(fd, buffer, 0, buffer.length, from) !== buffer.length) return null;
    if (run.start > 0 && buffer[0] !== 0x0a) return null;
    if (buffer[buffer.length - 1] !== 0x0a) return null;
    for (let at = run.start - from; at < buffer.length;) {
      const stop = buffer.indexOf(0x0a, at);
      let record: T;
      let line: JsonLine;
      try {
        line = lineAt(buffer.subarray(at, stop), file, from + at, () => 0);
        record = toRecord(line, file, format);
      } catch {
        return null;
      }
      if (record.roomId !== run.roomId) return null;
      out.push({line, record});
      seen.set(run.roomId, (seen.get(run.roomId) ?? 0) + 1);
      at = stop + 1;
    }
  }
  for (const [roomId, lines] of expected) if (seen.get(roomId) !== lines) return null;
  return out;
}

/**
 * The index of `file` as this process holds it or as its index file has it, brought up to the
 * file's last complete line; null when there is none to trust (nothing is built here: a commit does
 * not pay for a first index).
 */
export function knownIndex(file: string): IndexData | null {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  try {
    const stat = fs.fstatSync(fd);
    if (stat.size < INDEX_MIN_BYTES) return null;
    let mine = held.get(file);
    if (mine && !covers(mine.data.key, fd, stat)) mine = undefined;
    if (!mine) {
      const bytes = readIndexFile(indexFileOf(file), stat.size + (1 << 20));
      const read = bytes === null ? null : decode(bytes);
      if (read && covers(read.key, fd, stat)) mine = {data: read, savedSize: read.key.size};
    }
    if (!mine) return null;
    const data = extend(fd, stat, mine.data);
    remember(file, {data, savedSize: mine.savedSize});
    return data;
  } catch (error) {
    held.delete(file);
    if (error instanceof UnreadableLine) return null;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/** `rooms`, which index `file` up to `from`, with the rest of its complete lines, keyed to the file. */
export function indexOfWritten(file: string, rooms: Map<string, RoomRuns>, from: number): IndexData | null {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  try {
    const stat = fs.fstatSync(fd);
    const end = indexLines(fd, from, stat.size, rooms);
    return {key: logKey(fd, stat, end), rooms};
  } catch (error) {
    if (error instanceof UnreadableLine) return null;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}
