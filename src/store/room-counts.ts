// How many messages each room has, for an import's plan (the messages an overwritten room loses):
// every line's room read from its bytes, as the message index reads it (line-rooms.ts), instead of
// decoding and schema-checking a million messages to count them. The lines are the store's own,
// checked as messages when they were appended; a line not in the store's form is parsed, and one
// that cannot be read that way, or removal records in force, leave the count to a scan.

import {readFileLineRooms} from './line-rooms.js';
import {Removals} from './message-removals.js';
import {removalsOf} from './store-files.js';

/** Lines per room of the log `file`; null when it must be scanned. `revision`: as scanMessages. */
export function countByRoom(file: string, revision?: number): Map<string, number> | null {
  // Before the log is opened, as a scan reads them (message-removals.ts).
  if (Removals.read(removalsOf(file), revision).size > 0) return null;
  const counts = new Map<string, number>();
  const read = readFileLineRooms(file, (roomId) => counts.set(roomId, (counts.get(roomId) ?? 0) + 1));
  return read ? counts : null;
}
