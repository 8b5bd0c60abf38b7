// One removal (a rewrite of some rooms' messages) carried out as removal records instead of a new
// log (message-removals.ts): the rooms' lines are read through the index (or found by searching for
// the rooms' ids), each is shown to the rewrite as readers see it, and each it deletes or changes
// gets a record and goes to the removal backup with its anchor. The rest of the log is not read.

import type {ChatMessage} from '../domain/types.js';
import {parseLine, toJsonLine, toRecord, type JsonLine} from './jsonl.js';
import {indexedLines} from './message-index.js';
import {checked, lineId, MESSAGE_LOG} from './message-lines.js';
import type {RewriteWitness} from './message-log.js';
import {lineHash, type Removal, type Removals} from './message-removals.js';
import {RemovalAnchors} from './removal-anchors.js';
import {logPieces, roomNeedles} from './room-pieces.js';

export interface RemovalPass {
  readonly file: string;
  readonly roomIds: readonly string[];
  readonly rewrite: (message: ChatMessage) => ChatMessage | null;
  /** The records in force; this pass's are added as it goes. */
  readonly removals: Removals;
  /** The revision the commit makes. */
  readonly revision: number;
  readonly witness: RewriteWitness | null;
  readonly chunkBytes: number | undefined;
}

/** Carries out the pass; returns its new records, in log order. */
export function recordRemovals(pass: RemovalPass): Removal[] {
  const {file, removals, witness} = pass;
  const rooms = new Set(pass.roomIds);
  const number = witness?.nextPass() ?? 0;
  const anchors = witness ? new RemovalAnchors(file, removals, (l) => lineId(l.text, file, l)) : null;
  const records: Removal[] = [];
  try {
    for (const line of roomLines(file, pass.roomIds, pass.chunkBytes)) {
      const shown = removals.view(line);
      if (shown === null) continue;
      const value = parseLine(shown, file);
      const roomId = (value as {roomId?: unknown} | null)?.roomId;
      // A search finds every line that holds a room's id, in any field.
      if (!(typeof roomId === 'string' && rooms.has(roomId))) continue;
      const message = toRecord(shown, file, MESSAGE_LOG, value);
      const next = pass.rewrite(message);
      if (next === message) continue;
      if (next !== null && (next.id !== message.id || next.roomId !== message.roomId))
        throw new Error('A removal may change the text of a message, never its id or its room.');
      const now = next === null ? null : toJsonLine(checked(next)).slice(0, -1);
      if (now === null)
        witness?.deleted(number, {id: message.id, text: shown.text}, anchors?.before(line.offset) ?? null);
      else witness?.replaced(number, {id: message.id, text: shown.text}, now);
      const record: Removal = {
        rev: pass.revision,
        at: line.offset,
        id: message.id,
        line: lineHash(line.text),
        bytes: Buffer.byteLength(line.text) + 1,
        now,
      };
      removals.add(record);
      records.push(record);
    }
  } finally {
    anchors?.close();
  }
  return records;
}

/** The rooms' lines as the log holds them, in log order. */
function* roomLines(file: string, roomIds: readonly string[], chunkBytes?: number): Generator<JsonLine> {
  const indexed = indexedLines(file, roomIds, MESSAGE_LOG);
  if (indexed !== null) {
    for (const {line} of indexed) yield line;
    return;
  }
  for (const piece of logPieces(file, roomNeedles(roomIds), chunkBytes))
    if (piece.kind === 'line') yield piece.line;
}
