// A line of an imported room that the import gives a new room id keeps its text but for the id.
// The archive's lines were checked to be in the exact form the log writes (toJsonLine of the
// message, archive-read.ts), so the room id is the JSON string right after the message id's:
// `{"id":"…","roomId":"…",…`. Decoding each line and serializing it again was most of an import
// commit's writing (P6).

import {terminalSafeJson} from '../domain/text-chars.js';

const ID_KEY = '{"id":"';
const ROOM_KEY = ',"roomId":';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A room id as the log writes it: a JSON string, terminal-safe (jsonl.ts toJsonLine). */
export const encodedRoomId = (roomId: string): string => terminalSafeJson(JSON.stringify(roomId));

/**
 * `text` with its room id `from` replaced by `to` (both encoded), or null when the line is not a
 * message in the log's exact form whose room id is `from`.
 */
export function movedLine(text: string, from: string, to: string): string | null {
  if (!text.startsWith(ID_KEY)) return null;
  // The message id ends at its first quote that no backslash escapes.
  let end = ID_KEY.length;
  while (end < text.length && text.charCodeAt(end) !== QUOTE)
    end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
  const at = end + 1 + ROOM_KEY.length;
  if (end >= text.length || !text.startsWith(ROOM_KEY, end + 1) || !text.startsWith(from, at)) return null;
  return from === to ? text : text.slice(0, at) + to + text.slice(at + from.length);
}
