// The message log without some rooms' lines, for a rewrite that deletes those rooms whole (an import
// over rooms the store holds: Import-CsPersistentChatData). Each line's room is read from its bytes
// (line-rooms.ts), so the million lines of a big log are not decoded and schema-checked under the
// lock to learn that they go or stay. The lines kept are copied as they are: they are the store's
// own, checked as messages when they were appended (a rewrite of a few rooms copies the other rooms'
// runs unread in the same way, room-pieces.ts). The lines dropped are read no further than their
// room id. A region of the log holding a line whose room cannot be read from its bytes is read line
// by line, each line decoded and checked as a message, as before, so such a line still stops the
// commit with the file and the line.

import fs from 'node:fs';
import {io} from './durable-fs.js';
import {lineRegions, type ReadAt} from './line-regions.js';
import {lineAt, toRecord} from './jsonl.js';
import {linesByRoom, UnreadableLine} from './line-rooms.js';
import {MESSAGE_LOG} from './message-lines.js';
import {lineNumberIn, PIECE_BYTES} from './room-pieces.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

/**
 * Passes to `keep` the complete lines of `file` (as it was when the read started) that belong to no
 * room of `rooms`, in runs, in order. A last line without its newline is left out (jsonl.ts). Each
 * run is valid only during the call.
 */
export function linesWithoutRooms(
  file: string,
  rooms: ReadonlySet<string>,
  keep: (bytes: Buffer) => void,
  chunkBytes: number = PIECE_BYTES,
): void {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  try {
    const end = fs.fstatSync(fd).size;
    const read: ReadAt = (buffer, offset, length, position) =>
      io('read', file, () => fs.readSync(fd, buffer, offset, length, position));
    for (const {region, base} of lineRegions(fd, 0, end, chunkBytes, read))
      keepRegion(file, region, base, rooms, keep);
  } finally {
    fs.closeSync(fd);
  }
}

/** `region`: complete lines starting at file offset `base`. */
function keepRegion(
  file: string,
  region: Buffer,
  base: number,
  rooms: ReadonlySet<string>,
  keep: (bytes: Buffer) => void,
): void {
  const dropped: number[] = [];
  try {
    linesByRoom(region, base, (roomId, start, end) => {
      if (rooms.has(roomId)) dropped.push(start - base, end - base);
    });
  } catch (error) {
    if (!(error instanceof UnreadableLine)) throw error;
    keepCheckedLines(file, region, base, rooms, keep);
    return;
  }
  if (dropped.length === 0) return keep(region);
  // One write a region, not one a run: the rooms kept and dropped may alternate line by line.
  const runs: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < dropped.length; i += 2) {
    const start = dropped[i] as number;
    if (start > from) runs.push(region.subarray(from, start));
    from = dropped[i + 1] as number;
  }
  if (from < region.length) runs.push(region.subarray(from));
  if (runs.length > 0) keep(Buffer.concat(runs));
}

function keepCheckedLines(
  file: string,
  region: Buffer,
  base: number,
  rooms: ReadonlySet<string>,
  keep: (bytes: Buffer) => void,
): void {
  for (let start = 0; start < region.length;) {
    const stop = region.indexOf(0x0a, start);
    const offset = base + start;
    const line = lineAt(region.subarray(start, stop), file, offset, () => lineNumberIn(file, offset));
    if (!rooms.has(toRecord(line, file, MESSAGE_LOG).roomId)) keep(region.subarray(start, stop + 1));
    start = stop + 1;
  }
}
