// The room of each line of the message log, read from the bytes for the index (message-index.ts)
// and an export's pass over the log (archive-write.ts).
// A line written by the store starts `{"id":"…","roomId":"…",` (JSON.stringify of a checked
// message keeps the schema's key order), so its room is read there without decoding the line. A
// line that starts any other way, spells anything with a backslash before its room id, or holds the
// bytes "roomId" or \u anywhere else (a second key that JSON.parse would let win) is parsed instead.

import fs from 'node:fs';
import sjson from 'secure-json-parse';
import {io} from './durable-fs.js';
import {lineRegions, type ReadAt} from './line-regions.js';
import {lineRoomReader, type LinesByRoom} from './line-room-reader.js';
import {PIECE_BYTES} from './room-pieces.js';

const utf8 = new TextDecoder('utf-8', {fatal: true});
/** How far past the middle of the log its split looks for a line's start: longer lines are not split. */
const MIDDLE_WINDOW = 64 << 10;

/** A line whose room cannot be read: the index is not built, and readers scan. */
export class UnreadableLine extends Error {}

/**
 * Calls `add` with the room and the byte range (end: just past its newline) of every complete line
 * of the open file `fd` in [from, to), read in pieces of at least PIECE_BYTES; returns where the last
 * of them ends (a last line without its newline is left out, as readers leave it: jsonl.ts).
 */
export function readLineRooms(
  fd: number,
  from: number,
  to: number,
  add: (roomId: string, start: number, end: number) => void,
): number {
  let end = from;
  const read: ReadAt = (buffer, offset, length, position) =>
    fs.readSync(fd, buffer, offset, length, position);
  for (const {region, base} of lineRegions(fd, from, to, PIECE_BYTES, read)) {
    linesByRoom(region, base, add);
    end = base + region.length;
  }
  return end;
}

/**
 * Part of the log, [from, to), read by another thread, started at once: `wait` takes its lines in
 * after this thread's (false when they could not be read there), `drop` leaves them.
 */
export type ReadElsewhere = (from: number, to: number) => {wait(): boolean; drop(): void};

/**
 * readLineRooms over the whole of the log `file` (opened without following a symlink); false, and
 * nothing more read, when a line's room cannot be read from its bytes: the caller then decodes. With
 * `elsewhere`, the lines from the middle on are read by it while this thread reads the first half,
 * and read here after all when it could not.
 */
export function readFileLineRooms(
  file: string,
  add: (roomId: string, start: number, end: number) => void,
  elsewhere?: ReadElsewhere,
): boolean {
  const fd = io('open', file, () => fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW));
  try {
    const size = fs.fstatSync(fd).size;
    const middle = elsewhere === undefined ? size : io('read', file, () => lineAfterMiddle(fd, size));
    const rest = elsewhere !== undefined && middle < size ? elsewhere(middle, size) : null;
    try {
      io('read', file, () => readLineRooms(fd, 0, middle, add));
    } catch (error) {
      rest?.drop();
      throw error;
    }
    if (rest !== null && !rest.wait()) io('read', file, () => readLineRooms(fd, middle, size, add));
    return true;
  } catch (error) {
    if (error instanceof UnreadableLine) return false;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/** Where the first line starting at or past the middle of the file starts (its size if none does soon). */
function lineAfterMiddle(fd: number, size: number): number {
  const middle = Math.floor(size / 2);
  if (middle === 0) return size;
  const window = Buffer.allocUnsafe(Math.min(MIDDLE_WINDOW, size - middle + 1));
  const n = fs.readSync(fd, window, 0, window.length, middle - 1);
  const newline = window.subarray(0, n).indexOf(0x0a);
  return newline < 0 ? size : middle + newline;
}

/**
 * Calls `add` with the room and the byte range (end: just past its newline) of every line in
 * `region`, which holds complete lines starting at file offset `base`; a line not in the store's form
 * is parsed, and one without a room throws UnreadableLine.
 */
export const linesByRoom: LinesByRoom = lineRoomReader((bytes) => parsedRoom(bytes));

function parsedRoom(bytes: Buffer): string {
  let value: unknown;
  try {
    value = sjson.parse(utf8.decode(bytes), null, {protoAction: 'error', constructorAction: 'error'});
  } catch {
    throw new UnreadableLine('not a message line');
  }
  const roomId = (value as {roomId?: unknown} | null)?.roomId;
  if (typeof roomId !== 'string') throw new UnreadableLine('a line without a room');
  return roomId;
}
