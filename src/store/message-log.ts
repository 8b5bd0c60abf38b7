// The chat message log: scanned line by line, and changed by a commit only through a draft that
// ends as "append these bytes at this offset", "append these removal records" or "replace the file
// with this temp file", each of which the journal can repeat after a crash.
//
// Why removal records, not a rewrite. Clear-CsPersistentChatRoom and Remove-CsPersistentChatMessage
// used to write the whole log anew (270 MB and an fsync on L, for a room of a few hundred lines). A
// removal now appends one record a line it removes or replaces to message-removals.jsonl
// (message-removals.ts), in the same commit and through the same journal as the audit entry: it
// costs what it removes. Every reader reads the log through those records (`view`), and the log is
// written whole only when a commit finds the removed bytes (the records counted) past a share of the
// log, as the state log is checkpointed: then the log is compacted under the lock, in that commit,
// and the records file is removed after the new log is renamed into place. A log in segments would
// also make a removal rewrite only a segment, but it changes every reader, the index and every tool
// that reads messages.jsonl, and still rewrites megabytes for a few lines; records leave the log's
// format as it was (a log without removals is read exactly as before), and a log smaller than a
// MiB, where a rewrite costs nothing, is still written whole. Removal backups keep exactly the lines
// removed, as before, since a removal still shows each to the backup as it records it.

import fs from 'node:fs';
import type {ChatMessage} from '../domain/types.js';
import type {MessageQuery, StagedSpan} from '../domain/ports.js';
import {messageMatcher} from '../domain/log-queries.js';
import {
  copyNewFile,
  createExclusive,
  io,
  removeQuietly,
  renameDurably,
  storeIo,
  writeAll,
  writeNewFile,
  type FileOwner,
} from './durable-fs.js';
import {appendOffset, lineAt, parseLine, readLines, toJsonLine, toRecord, type JsonLine} from './jsonl.js';
import {IndexCarry} from './index-carry.js';
import {adoptIndex, indexedMessages, indexOfWritten, knownIndex} from './message-index.js';
import type {IndexData} from './message-index-file.js';
import {removalLine, Removals, removalsAppendOffset, type Removal} from './message-removals.js';
import {recordRemovals} from './removal-pass.js';
import {lineNumberIn, logPieces, roomNeedles, type LogPiece} from './room-pieces.js';
import {linesWithoutRooms} from './room-lines-drop.js';
import {copySpan, spanLines} from './span-lines.js';
import {lstatOrNull} from './safety.js';
import {checked, lineId, MESSAGE_LOG, type LogLine} from './message-lines.js';
import {encodedRoomId, movedLine} from './moved-lines.js';
import {removalsOf, tempPath} from './store-files.js';

/**
 * Oldest first; `limit` keeps the first N matches, as the in-memory store does. `revision`: the
 * state the caller holds; removals committed after it are not applied yet.
 */
export function* scanMessages(
  file: string,
  query: MessageQuery,
  chunkBytes?: number,
  revision?: number,
): Generator<ChatMessage> {
  if (query.limit !== undefined && query.limit <= 0) return;
  const matches = messageMatcher(query);
  let found = 0;
  // Before the log is opened (message-removals.ts).
  const removals = Removals.read(removalsOf(file), revision);
  for (const message of roomMessages(file, query.roomIds, removals, chunkBytes)) {
    if (!matches(message)) continue;
    yield message;
    found += 1;
    if (query.limit !== undefined && found >= query.limit) return;
  }
}

/** The messages of the rooms (all when undefined), through the index when it can be trusted. */
function* roomMessages(
  file: string,
  roomIds: readonly string[] | undefined,
  removals: Removals,
  chunkBytes?: number,
): Generator<ChatMessage> {
  const indexed =
    roomIds === undefined ? null : indexedMessages(file, roomIds, MESSAGE_LOG, (line) => removals.view(line));
  if (indexed !== null) {
    yield* indexed;
    return;
  }
  const rooms = roomIds === undefined ? null : new Set(roomIds);
  for (const piece of viewedPieces(piecesFor(file, roomIds ?? 'all', chunkBytes), removals, file)) {
    if (piece.kind === 'other') continue;
    const message = toRecord(piece.line, file, MESSAGE_LOG);
    if (rooms === null || rooms.has(message.roomId)) yield message;
  }
}

/** Every line as a line of its own, or for some rooms, their lines apart from the runs between them. */
function* piecesFor(
  file: string,
  roomIds: readonly string[] | 'all',
  chunkBytes?: number,
): Generator<LogPiece> {
  if (roomIds === 'all') for (const line of readLines(file, chunkBytes)) yield {kind: 'line', line};
  else yield* logPieces(file, roomNeedles(roomIds), chunkBytes);
}

/**
 * `pieces` of `file` as readers see them: a line with a removal record is taken out of its run and
 * shown through the record (or left out, when removed).
 */
function* viewedPieces(pieces: Iterable<LogPiece>, removals: Removals, file: string): Generator<LogPiece> {
  if (removals.size === 0) {
    yield* pieces;
    return;
  }
  for (const piece of pieces) {
    if (piece.kind === 'line') {
      const shown = removals.view(piece.line);
      if (shown !== null) yield {kind: 'line', line: shown};
      continue;
    }
    const {bytes, offset} = piece;
    let from = 0;
    for (const at of removals.within(offset, offset + bytes.length)) {
      const start = at - offset;
      // A record that does not name the start of a line names no line of this log.
      if (start < from || (start > 0 && bytes[start - 1] !== 0x0a)) continue;
      const stop = bytes.indexOf(0x0a, start);
      if (start > from) yield otherPiece(bytes.subarray(from, start), offset + from);
      const line = lineAt(bytes.subarray(start, stop), file, at, () => lineNumberIn(file, at));
      const shown = removals.view(line);
      if (shown !== null) yield {kind: 'line', line: shown};
      from = stop + 1;
    }
    if (from === 0) yield piece;
    else if (from < bytes.length) yield otherPiece(bytes.subarray(from), offset + from);
  }
}

const otherPiece = (bytes: Buffer, offset: number): LogPiece => ({
  kind: 'other',
  bytes,
  lastStart: bytes.length < 2 ? 0 : bytes.lastIndexOf(0x0a, bytes.length - 2) + 1,
  offset,
});

/** What a commit does to the message log once the state is in place. Paths are relative to the store. */
export type MessageOutcome =
  | {readonly kind: 'unchanged'}
  | {readonly kind: 'append'; readonly temp: string; readonly sizeBefore: number}
  | {readonly kind: 'replace'; readonly temp: string};

/** Sees every message a rewrite deletes or changes, with the line as it was, and where it was. */
export interface RewriteWitness {
  /** Called once per rewrite pass; returns the pass's number. */
  nextPass(): number;
  deleted(pass: number, line: LogLine, after: string | null): void;
  replaced(pass: number, line: LogLine, now: string): void;
}

/** Writes in blocks, so a million lines cost a few hundred writes, not a million. */
export class BlockWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  /** Bytes added so far: where the next one goes. */
  position = 0;
  constructor(fd: number) {
    this.fd = fd;
  }
  add(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    this.position += Buffer.byteLength(text);
    if (this.pending >= 1 << 20) this.flush();
  }
  /** Bytes that are already lines of the log, written as they are. */
  addBytes(bytes: Uint8Array): void {
    this.flush();
    writeAll(this.fd, bytes);
    this.position += bytes.length;
  }
  flush(): void {
    if (this.parts.length > 0) writeAll(this.fd, this.parts.join(''));
    this.parts = [];
    this.pending = 0;
  }
}

/**
 * The message log as a commit's effects leave it, built beside the real one. The committed file is
 * not touched here; `finish` says how to install the result.
 */
export class MessageDraft {
  private readonly file: string;
  private readonly token: string;
  /** Looked up only when the draft writes a file: most commits write no messages. */
  private readonly owner: () => FileOwner;
  private readonly chunkBytes: number | undefined;
  private source: string;
  private sourceIsOurs = false;
  private pending: ChatMessage[] = [];
  /** Files of checked message lines (an import), appended after `pending`. */
  private pendingFiles: MessageFile[] = [];
  private step = 0;
  private witness: RewriteWitness | null = null;
  /** The message index of `source` (undefined: not looked for yet), carried over each rewrite. */
  private index: IndexData | null | undefined;
  private readonly removing: RemovalOptions;
  /** The committed log's removal records with this commit's (undefined: not read yet). */
  private inForce: Removals | undefined;
  /** This commit's removal records, while the committed log is the draft's source. */
  private records: Removal[] = [];

  constructor(
    file: string,
    token: string,
    owner: () => FileOwner,
    removing: RemovalOptions,
    chunkBytes?: number,
  ) {
    this.file = file;
    this.token = token;
    this.owner = owner;
    this.removing = removing;
    this.chunkBytes = chunkBytes;
    this.source = file;
  }

  /** From now on, every committed line a rewrite deletes or changes is shown to `witness`. */
  witnessRewrites(witness: RewriteWitness): void {
    this.witness = witness;
  }

  append(messages: readonly ChatMessage[]): void {
    this.pending.push(...messages.map(checked));
  }

  /** Restoring a backup: its log replaces everything drafted so far. */
  replaceWith(file: string): void {
    this.source = file;
    this.sourceIsOurs = false;
    this.pending = [];
    this.pendingFiles = [];
    this.records = [];
    this.index = null;
  }

  /** Lines already checked as messages in the log's own form, streamed in when the draft is finished. */
  appendFiles(files: readonly MessageFile[]): void {
    this.pendingFiles.push(...files);
  }

  /** `dropsRooms`: as the rewriteMessages effect says (ports.ts). */
  rewrite(
    roomIds: readonly string[] | 'all',
    rewrite: (m: ChatMessage) => ChatMessage | null,
    dropsRooms?: readonly string[],
  ): void {
    if (roomIds === 'all' && dropsRooms !== undefined && this.dropsUnread()) {
      const source = this.source;
      const dropped = new Set(dropsRooms);
      this.writeNewSource((out) => {
        linesWithoutRooms(source, dropped, (bytes) => out.addBytes(bytes), this.chunkBytes);
        this.writePending(out, null, rewrite);
      });
      this.index = null;
      return;
    }
    if (roomIds !== 'all' && this.recordsRemovals()) {
      this.records.push(
        ...recordRemovals({
          file: this.file,
          roomIds,
          rewrite,
          removals: this.removalsInForce(),
          revision: this.removing.revision,
          witness: this.witness,
          chunkBytes: this.chunkBytes,
        }),
      );
      const rooms = new Set(roomIds);
      this.pending = this.pending.flatMap((message) => {
        const next = rooms.has(message.roomId) ? rewrite(message) : message;
        return next === null ? [] : [next === message ? next : checked(next)];
      });
      return;
    }
    const rooms = roomIds === 'all' ? null : new Set(roomIds);
    const source = this.source;
    const chunkBytes = this.chunkBytes;
    const witness = this.witness;
    const pass = witness?.nextPass() ?? 0;
    const removals = this.sourceRemovals();
    // Lines taken out by records leave the other rooms' runs where they were: nothing is carried.
    const before = rooms === null || removals.size > 0 ? null : this.sourceIndex();
    const carry = before === null || rooms === null ? null : new IndexCarry(before, rooms);
    let carried = 0;
    // The last line that stays: where a deleted line goes back if it is restored. Its id is read
    // only when a deletion needs it, so the lines of other rooms are never decoded.
    let kept: (() => JsonLine) | null = null;
    const after = (): string | null => {
      if (kept === null) return null;
      const line = kept();
      return lineId(line.text, source, line);
    };
    const target = this.writeNewSource((out) => {
      for (const piece of viewedPieces(piecesFor(source, roomIds, chunkBytes), removals, source)) {
        if (piece.kind === 'other') {
          out.addBytes(piece.bytes);
          const last = Buffer.from(piece.bytes.subarray(piece.lastStart));
          const offset = piece.offset + piece.lastStart;
          kept = () => lineAt(last.subarray(0, -1), source, offset, () => lineNumberIn(source, offset));
          continue;
        }
        const {line} = piece;
        const oldEnd = line.offset + Buffer.byteLength(line.text) + 1;
        const value = parseLine(line, source);
        const roomId = (value as {roomId?: unknown} | null)?.roomId;
        if (rooms && !(typeof roomId === 'string' && rooms.has(roomId))) {
          out.add(`${line.text}\n`);
          kept = () => line;
          continue;
        }
        const message = toRecord(line, source, MESSAGE_LOG, value);
        const next = rewrite(message);
        const start = out.position;
        if (next === message) {
          out.add(`${line.text}\n`);
          kept = () => line;
        } else if (next === null) witness?.deleted(pass, {id: message.id, text: line.text}, after());
        else {
          const text = toJsonLine(checked(next));
          out.add(text);
          witness?.replaced(pass, {id: message.id, text: line.text}, text.slice(0, -1));
          kept = () => line;
        }
        if (next !== null) carry?.written(next.roomId, start, out.position);
        if (next !== message) carry?.changed(oldEnd, out.position);
      }
      carried = out.position;
      this.writePending(out, rooms, rewrite);
    });
    const carriedRooms = carry?.finish() ?? null;
    this.index = carriedRooms === null ? null : indexOfWritten(target, carriedRooms, carried);
  }

  /** The drafted appends, through a rewrite of `rooms` (all when null). */
  private writePending(
    out: BlockWriter,
    rooms: ReadonlySet<string> | null,
    rewrite: (m: ChatMessage) => ChatMessage | null,
  ): void {
    for (const message of this.pending) {
      const next = !rooms || rooms.has(message.roomId) ? rewrite(message) : message;
      if (next) out.add(toJsonLine(next === message ? next : checked(next)));
    }
    for (const entry of this.pendingFiles)
      for (const message of fileMessages(entry, this.chunkBytes)) {
        const next = !rooms || rooms.has(message.roomId) ? rewrite(message) : message;
        if (next) out.add(toJsonLine(next === message ? next : checked(next)));
      }
  }

  /**
   * Whether rooms deleted whole can be dropped by their lines' room ids: not when a witness must see
   * each deleted line, nor through removal records, which show some lines as others.
   */
  private dropsUnread(): boolean {
    return this.witness === null && this.sourceRemovals().size === 0;
  }

  /** Whether a rewrite of some rooms is carried out as removal records rather than a new log. */
  private recordsRemovals(): boolean {
    if (this.source !== this.file || this.pendingFiles.length > 0) return false;
    return io('inspect', this.file, () => fs.statSync(this.file).size) >= this.removing.rewriteBelowBytes;
  }

  private removalsInForce(): Removals {
    // Under the lock, after recovery: every record there is committed.
    this.inForce ??= Removals.read(this.removing.file);
    return this.inForce;
  }

  /** The records a reader of `source` applies: none once it is a log this draft wrote whole. */
  private sourceRemovals(): Removals {
    return this.source === this.file ? this.removalsInForce() : new Removals();
  }

  /** The index of the committed log, if there is one to trust; never built here. */
  private sourceIndex(): IndexData | null {
    if (this.index === undefined) this.index = this.source === this.file ? knownIndex(this.file) : null;
    return this.index;
  }

  /** Replaces the drafted log with `transform` of its lines (the drafted appends included). */
  transform(transform: (lines: Iterable<LogLine>) => Iterable<LogLine>): void {
    const source = this.source;
    const pending = this.pending;
    const pendingFiles = this.pendingFiles;
    const chunkBytes = this.chunkBytes;
    const removals = this.sourceRemovals();
    const lines = function* (): Generator<LogLine> {
      for (const line of readLines(source, chunkBytes)) {
        const shown = removals.view(line);
        if (shown !== null) yield {id: lineId(shown.text, source, shown), text: shown.text};
      }
      for (const message of pending) yield {id: message.id, text: toJsonLine(message).slice(0, -1)};
      for (const entry of pendingFiles) yield* fileLines(entry, chunkBytes);
    };
    this.writeNewSource((out) => {
      for (const line of transform(lines())) out.add(`${line.text}\n`);
    });
    this.index = null;
  }

  /** Writes a new temp log with `write`, fsyncs it, and makes it the draft's source. */
  private writeNewSource(write: (out: BlockWriter) => void): string {
    const target = this.newTemp();
    const fd = createExclusive(target, this.owner());
    try {
      io('write', target, () => {
        const out = new BlockWriter(fd);
        write(out);
        out.flush();
      });
      io('flush', target, () => storeIo.fsync(fd));
    } finally {
      fs.closeSync(fd);
    }
    this.replaceSource(target);
    return target;
  }

  private replaceSource(target: string): void {
    if (this.sourceIsOurs) removeQuietly(this.source);
    this.source = target;
    this.sourceIsOurs = true;
    this.pending = [];
    this.pendingFiles = [];
    // The new log was written through them.
    this.records = [];
  }

  /**
   * Says how to install the draft; a removal that leaves too much of the log removed compacts it
   * here (the log written whole, without its removed lines). Then `finishRemovals`.
   */
  finish(): MessageOutcome {
    if (this.records.length > 0 && this.compactionDue()) this.transform((lines) => lines);
    const lines = this.pending.map(toJsonLine).join('');
    const files = this.pendingFiles;
    if (this.source === this.file) {
      if (lines === '' && files.length === 0) return {kind: 'unchanged'};
      const sizeBefore = appendOffset(this.file, MESSAGE_LOG);
      const temp = tempPath(this.file, `${this.token}.append`);
      writeNewFile(temp, lines, this.owner());
      if (files.length > 0) appendFilesAndSync(temp, files, this.chunkBytes);
      return {kind: 'append', temp, sizeBefore};
    }
    if (this.sourceIsOurs) {
      if (lines !== '') appendAndSync(this.source, lines);
      if (files.length > 0) appendFilesAndSync(this.source, files, this.chunkBytes);
      const index = this.index && indexOfWritten(this.source, this.index.rooms, this.index.key.size);
      if (index) adoptIndex(this.file, index);
      return {kind: 'replace', temp: this.source};
    }
    const temp = this.newTemp();
    copyNewFile(this.source, temp, this.owner(), lines);
    if (files.length > 0) appendFilesAndSync(temp, files, this.chunkBytes);
    return {kind: 'replace', temp};
  }

  /** This commit's removal records, as a temp file to append at the records file's recorded size. */
  finishRemovals(): {temp: string; sizeBefore: number} | null {
    if (this.source !== this.file || this.records.length === 0) return null;
    const file = this.removing.file;
    if (lstatOrNull(file) === null) {
      // An empty records file removes nothing: made before the journal, it needs no undoing.
      const empty = tempPath(file, `${this.token}.new`);
      writeNewFile(empty, '', this.owner());
      renameDurably(empty, file);
    }
    const sizeBefore = removalsAppendOffset(file);
    const temp = tempPath(file, `${this.token}.append`);
    writeNewFile(temp, this.records.map(removalLine).join(''), this.owner());
    return {temp, sizeBefore};
  }

  /** The removed bytes, the records counted, past the share of the log a compaction waits for. */
  private compactionDue(): boolean {
    const removals = this.removalsInForce();
    const logBytes = io('inspect', this.file, () => fs.statSync(this.file).size);
    const recordBytes = this.records.reduce((sum, r) => sum + Buffer.byteLength(removalLine(r)), 0);
    return removals.deadBytes + removals.fileBytes + recordBytes > this.removing.compactShare * logBytes;
  }

  private newTemp(): string {
    this.step += 1;
    return tempPath(this.file, `${this.token}-${this.step}`);
  }
}

/** How a draft carries out removals (message-removals.ts). */
export interface RemovalOptions {
  /** The records file of the log. */
  readonly file: string;
  /** The revision the commit makes, which its records carry. */
  readonly revision: number;
  /** A log smaller than this is written whole by a removal. */
  readonly rewriteBelowBytes: number;
  /** The share of the log removed past which a removal compacts it. */
  readonly compactShare: number;
}

/** A log under 1 MiB is written whole by a removal: as quick as records, and nothing to compact. */
export const REWRITE_LOG_BELOW_BYTES = 1 << 20;
export const COMPACT_SHARE = 1 / 8;

export interface MessageFile extends StagedSpan {
  readonly fromRoomId: string;
  readonly roomId: string;
}

/** A staged span's messages, each moved to the room it is imported into. */
export function* fileMessages(entry: MessageFile, chunkBytes?: number): Generator<ChatMessage> {
  for (const line of spanLines(entry, chunkBytes)) yield movedMessage(entry, line);
}

function movedMessage(entry: MessageFile, line: JsonLine): ChatMessage {
  const message = toRecord(line, entry.file, MESSAGE_LOG);
  return message.roomId === entry.fromRoomId ? {...message, roomId: entry.roomId} : message;
}

/**
 * A staged span's lines as the log writes them, each moved to the room it is imported into: its room
 * id rewritten in its text (moved-lines.ts); a line not in the log's exact form is decoded and written
 * again.
 */
function* fileLines(entry: MessageFile, chunkBytes?: number): Generator<LogLine> {
  const from = encodedRoomId(entry.fromRoomId);
  const to = encodedRoomId(entry.roomId);
  for (const line of spanLines(entry, chunkBytes)) {
    const moved = movedLine(line.text, from, to);
    if (moved !== null) yield {id: lineId(moved, entry.file, line), text: moved};
    else {
      const message = checked(movedMessage(entry, line));
      yield {id: message.id, text: toJsonLine(message).slice(0, -1)};
    }
  }
}

/** Appends message files: byte for byte when the room keeps its id, else each line moved to its room. */
function appendFilesAndSync(target: string, files: readonly MessageFile[], chunkBytes?: number): void {
  io('append to', target, () => {
    const fd = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_NOFOLLOW);
    try {
      const out = new BlockWriter(fd);
      for (const entry of files) {
        if (entry.fromRoomId === entry.roomId) {
          out.flush();
          copySpan(entry, fd, (to, bytes) => writeAll(to, bytes));
        } else for (const line of fileLines(entry, chunkBytes)) out.add(`${line.text}\n`);
      }
      out.flush();
      storeIo.fsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

function appendAndSync(file: string, text: string): void {
  io('append to', file, () => {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_NOFOLLOW);
    try {
      writeAll(fd, text);
      storeIo.fsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** Installs an append drafted earlier: the log is cut back to its committed size, then the lines follow. */
export function appendFromFile(target: string, sizeBefore: number, source: string): void {
  io('append to', target, () => {
    const out = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
    const input = fs.openSync(source, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      storeIo.truncate(out, sizeBefore);
      const buffer = Buffer.allocUnsafe(1 << 20);
      let at = sizeBefore;
      for (
        let n = fs.readSync(input, buffer, 0, buffer.length, null);
        n > 0;
        n = fs.readSync(input, buffer, 0, buffer.length, null)
      )
        at += writeAll(out, buffer.subarray(0, n), at);
      storeIo.fsync(out);
    } finally {
      fs.closeSync(out);
      fs.closeSync(input);
    }
  });
}
