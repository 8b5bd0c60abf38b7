// The room of each line of the message log, read from the bytes for the index (message-index.ts)
// and an export's pass over the log (archive-write.ts).
// A line written by the store starts `{"id":"…","roomId":"…",` (JSON.stringify of a checked
// message keeps the schema's key order), so its room is read there without decoding the line. A
// line that starts any other way, spells anything with a backslash before its room id, or holds the
// bytes "roomId" or \u anywhere else (a second key that JSON.parse would let win) is parsed instead.

import fs from 'node:fs';
import sjson from 'secure-json-parse';
import {io} from './durable-fs.js';
import {lineRegions} from './line-regions.js';
import {PIECE_BYTES} from './room-pieces.js';

const PREFIX = Buffer.from('{"id":"');
const ROOM_KEY = Buffer.from('","roomId":"');
const KEY = Buffer.from('"roomId"');
const ESCAPE = Buffer.from('\\u');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const utf8 = new TextDecoder('utf-8', {fatal: true});

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
  for (const {region, base} of lineRegions(fd, from, to, PIECE_BYTES)) {
    linesByRoom(region, base, add);
    end = base + region.length;
  }
  return end;
}

/**
 * readLineRooms over the whole of the log `file` (opened without following a symlink); false, and
 * nothing more read, when a line's room cannot be read from its bytes: the caller then decodes.
 */
export function readFileLineRooms(
  file: string,
  add: (roomId: string, start: number, end: number) => void,
): boolean {
  const fd = io('open', file, () => fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW));
  try {
    const size = fs.fstatSync(fd).size;
    io('read', file, () => readLineRooms(fd, 0, size, add));
    return true;
  } catch (error) {
    if (error instanceof UnreadableLine) return false;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Calls `add` with the room and the byte range (end: just past its newline) of every line in
 * `region`, which holds complete lines starting at file offset `base`.
 */
export function linesByRoom(
  region: Buffer,
  base: number,
  add: (roomId: string, start: number, end: number) => void,
): void {
  // The next \u at or after the current line, found once per region, not once per line.
  let escape = region.indexOf(ESCAPE, 0);
  for (let start = 0; start < region.length;) {
    const stop = region.indexOf(0x0a, start);
    if (escape >= 0 && escape < start) escape = region.indexOf(ESCAPE, start);
    const roomId = quickRoom(region, start, stop, escape) ?? parsedRoom(region.subarray(start, stop));
    add(roomId, base + start, base + stop + 1);
    start = stop + 1;
  }
}

/** The room of the line [start, stop) as the store writes it, or null when the line must be parsed. */
function quickRoom(region: Buffer, start: number, stop: number, escape: number): string | null {
  if (escape >= 0 && escape < stop) return null;
  if (stop - start < PREFIX.length || !bytesAt(region, start, PREFIX)) return null;
  let at = start + PREFIX.length;
  while (at < stop && region[at] !== QUOTE && region[at] !== BACKSLASH) at++;
  if (at >= stop || region[at] !== QUOTE) return null;
  // A short last line whose room key would reach past the region's end goes to the parser.
  if (at + ROOM_KEY.length > stop) return null;
  if (!bytesAt(region, at, ROOM_KEY)) return null;
  // The key's bytes start one byte into ROOM_KEY ("roomId"), and must be the line's only key of that
  // name. Before them lie only the prefix and an id without a quote: bytes "roomId" there are the id's
  // value (an id spelled roomId), never a key, so one search past them finds any second key.
  const next = region.indexOf(KEY, at + 3);
  if (next >= 0 && next < stop) return null;
  const from = at + ROOM_KEY.length;
  let to = from;
  let ascii = true;
  for (; to < stop && region[to] !== QUOTE && region[to] !== BACKSLASH; to++)
    ascii &&= (region[to] as number) < 0x80;
  if (to >= stop || region[to] !== QUOTE) return null;
  // ASCII reads the same as Latin-1 and as UTF-8, and Latin-1 is decoded at a third of the cost of
  // the checking UTF-8 decoder (a room id per line: a million on L).
  if (ascii) return region.toString('latin1', from, to);
  try {
    return utf8.decode(region.subarray(from, to));
  } catch {
    return null;
  }
}

/**
 * `bytes` are in `region` at `at` (which leaves room for them). A loop, not compare(): its checks of
 * the offsets cost more than the dozen bytes it compares, twice a line.
 */
function bytesAt(region: Buffer, at: number, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (region[at + i] !== bytes[i]) return false;
  return true;
}

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
