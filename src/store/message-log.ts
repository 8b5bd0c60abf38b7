// The chat message log: scanned line by line, and changed by a commit only through a draft that
// ends as either "append these bytes at this offset" or "replace the file with this temp file",
// both of which the journal can repeat after a crash.

import fs from 'node:fs';
import type {ChatMessage} from '../domain/types.js';
import type {MessageQuery} from '../domain/ports.js';
import {messageMatcher} from '../domain/log-queries.js';
import {damaged} from './decode.js';
import {
  appendOffset,
  copyNewFile,
  createExclusive,
  io,
  removeQuietly,
  writeAll,
  writeNewFile,
  type FileOwner,
} from './durable-fs.js';
import {parseLine, readLines, toJsonLine, type JsonLine} from './jsonl.js';
import {chatMessageSchema, firstIssue} from './state-schema.js';
import {tempPath} from './store-files.js';

export function toMessage(value: unknown, file: string, line: JsonLine): ChatMessage {
  const parsed = chatMessageSchema.safeParse(value);
  if (!parsed.success)
    throw damaged(
      file,
      `line ${line.number} (byte offset ${line.offset}) is not a chat message (${firstIssue(parsed.error)})`,
    );
  return parsed.data;
}

/** A message the log could not read back must never be written into it. */
function checked(message: ChatMessage): ChatMessage {
  const parsed = chatMessageSchema.safeParse(message);
  if (!parsed.success)
    throw new Error(`A new message is malformed and was not saved (${firstIssue(parsed.error)}).`);
  return message;
}

/** Oldest first; `limit` keeps the first N matches, as the in-memory store does. */
export function* scanMessages(
  file: string,
  query: MessageQuery,
  chunkBytes?: number,
): Generator<ChatMessage> {
  if (query.limit !== undefined && query.limit <= 0) return;
  const matches = messageMatcher(query);
  const mayHold = roomPrefilter(query.roomIds);
  let found = 0;
  for (const line of readLines(file, chunkBytes)) {
    // An unfinished last line is an append another process has not completed: not committed yet.
    if (!line.complete) return;
    if (!mayHold(line.text)) continue;
    const message = toMessage(parseLine(line, file), file, line);
    if (!matches(message)) continue;
    yield message;
    found += 1;
    if (query.limit !== undefined && found >= query.limit) return;
  }
}

/**
 * A cheap test that a line cannot belong to any of the rooms, so most lines of a big log are never
 * parsed: the log is written with JSON.stringify, so a room id appears in a line in exactly the form
 * JSON.stringify gives it. (A hand-edited line that spells an id with \u escapes would be missed.)
 */
export function roomPrefilter(roomIds: readonly string[] | 'all' | undefined): (text: string) => boolean {
  if (roomIds === undefined || roomIds === 'all') return () => true;
  const needles = roomIds.map((id) => JSON.stringify(id));
  return (text) => needles.some((needle) => text.includes(needle));
}

/** What a commit does to the message log once the state is in place. Paths are relative to the store. */
export type MessageOutcome =
  | {readonly kind: 'unchanged'}
  | {readonly kind: 'append'; readonly temp: string; readonly sizeBefore: number}
  | {readonly kind: 'replace'; readonly temp: string};

/** Writes in blocks, so a million lines cost a few hundred writes, not a million. */
class BlockWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  constructor(fd: number) {
    this.fd = fd;
  }
  add(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= 1 << 20) this.flush();
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
  private readonly owner: FileOwner;
  private readonly chunkBytes: number | undefined;
  private source: string;
  private sourceIsOurs = false;
  private pending: ChatMessage[] = [];
  /** Files of checked message lines (an import), appended after `pending`. */
  private pendingFiles: MessageFile[] = [];
  private step = 0;

  constructor(file: string, token: string, owner: FileOwner, chunkBytes?: number) {
    this.file = file;
    this.token = token;
    this.owner = owner;
    this.chunkBytes = chunkBytes;
    this.source = file;
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
  }

  /** Lines already checked as messages in the log's own form, streamed in when the draft is finished. */
  appendFiles(files: readonly MessageFile[]): void {
    this.pendingFiles.push(...files);
  }

  rewrite(roomIds: readonly string[] | 'all', rewrite: (m: ChatMessage) => ChatMessage | null): void {
    const rooms = roomIds === 'all' ? null : new Set(roomIds);
    const mayHold = roomPrefilter(roomIds);
    const target = this.newTemp();
    const fd = createExclusive(target, this.owner);
    try {
      const out = new BlockWriter(fd);
      const pass = (message: ChatMessage): void => {
        const next = rewrite(message);
        if (next) out.add(toJsonLine(next === message ? next : checked(next)));
      };
      for (const line of readLines(this.source, this.chunkBytes)) {
        if (!mayHold(line.text)) {
          out.add(`${line.text}\n`);
          continue;
        }
        const value = parseLine(line, this.source);
        const roomId = (value as {roomId?: unknown} | null)?.roomId;
        if (rooms && !(typeof roomId === 'string' && rooms.has(roomId))) out.add(`${line.text}\n`);
        else pass(toMessage(value, this.source, line));
      }
      for (const message of this.pending) {
        if (!rooms || rooms.has(message.roomId)) pass(message);
        else out.add(toJsonLine(message));
      }
      for (const entry of this.pendingFiles)
        for (const message of fileMessages(entry, this.chunkBytes))
          if (!rooms || rooms.has(message.roomId)) pass(message);
          else out.add(toJsonLine(message));
      out.flush();
      io('flush', target, () => fs.fsyncSync(fd));
    } finally {
      fs.closeSync(fd);
    }
    if (this.sourceIsOurs) removeQuietly(this.source);
    this.source = target;
    this.sourceIsOurs = true;
    this.pending = [];
    this.pendingFiles = [];
  }

  finish(): MessageOutcome {
    const lines = this.pending.map(toJsonLine).join('');
    const files = this.pendingFiles;
    if (this.source === this.file) {
      if (lines === '' && files.length === 0) return {kind: 'unchanged'};
      const sizeBefore = appendOffset(this.file);
      const temp = tempPath(this.file, `${this.token}.append`);
      writeNewFile(temp, lines, this.owner);
      if (files.length > 0) appendFilesAndSync(temp, files, this.chunkBytes);
      return {kind: 'append', temp, sizeBefore};
    }
    if (this.sourceIsOurs) {
      if (lines !== '') appendAndSync(this.source, lines);
      if (files.length > 0) appendFilesAndSync(this.source, files, this.chunkBytes);
      return {kind: 'replace', temp: this.source};
    }
    const temp = this.newTemp();
    copyNewFile(this.source, temp, this.owner, lines);
    if (files.length > 0) appendFilesAndSync(temp, files, this.chunkBytes);
    return {kind: 'replace', temp};
  }

  private newTemp(): string {
    this.step += 1;
    return tempPath(this.file, `${this.token}-${this.step}`);
  }
}

export interface MessageFile {
  readonly file: string;
  readonly fromRoomId: string;
  readonly roomId: string;
}

function* fileMessages(entry: MessageFile, chunkBytes?: number): Generator<ChatMessage> {
  for (const line of readLines(entry.file, chunkBytes)) {
    const message = toMessage(parseLine(line, entry.file), entry.file, line);
    yield message.roomId === entry.fromRoomId ? {...message, roomId: entry.roomId} : message;
  }
}

/** Appends message files: byte for byte when the room keeps its id, else each line with the new id. */
function appendFilesAndSync(target: string, files: readonly MessageFile[], chunkBytes?: number): void {
  io('append to', target, () => {
    const fd = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_NOFOLLOW);
    try {
      const out = new BlockWriter(fd);
      for (const entry of files) {
        if (entry.fromRoomId === entry.roomId) {
          out.flush();
          copyInto(fd, entry.file);
        } else for (const message of fileMessages(entry, chunkBytes)) out.add(toJsonLine(checked(message)));
      }
      out.flush();
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

function copyInto(fd: number, file: string): void {
  const input = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (
      let n = fs.readSync(input, buffer, 0, buffer.length, null);
      n > 0;
      n = fs.readSync(input, buffer, 0, buffer.length, null)
    )
      writeAll(fd, buffer.subarray(0, n));
  } finally {
    fs.closeSync(input);
  }
}

function appendAndSync(file: string, text: string): void {
  io('append to', file, () => {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_NOFOLLOW);
    try {
      writeAll(fd, text);
      fs.fsyncSync(fd);
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
      fs.ftruncateSync(out, sizeBefore);
      const buffer = Buffer.allocUnsafe(1 << 20);
      let at = sizeBefore;
      for (
        let n = fs.readSync(input, buffer, 0, buffer.length, null);
        n > 0;
        n = fs.readSync(input, buffer, 0, buffer.length, null)
      )
        at += writeAll(out, buffer.subarray(0, n), at);
      fs.fsyncSync(out);
    } finally {
      fs.closeSync(out);
      fs.closeSync(input);
    }
  });
}
