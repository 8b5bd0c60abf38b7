// The chat message log: scanned line by line, and changed by a commit only through a draft that
// ends as either "append these bytes at this offset" or "replace the file with this temp file",
// both of which the journal can repeat after a crash.

import fs from 'node:fs';
import type {ChatMessage} from '../domain/types.js';
import type {MessageQuery} from '../domain/ports.js';
import {messageMatcher} from '../domain/log-queries.js';
import {
  copyNewFile,
  createExclusive,
  io,
  removeQuietly,
  storeIo,
  writeAll,
  writeNewFile,
  type FileOwner,
} from './durable-fs.js';
import {appendOffset, parseLine, readLines, toJsonLine, toRecord, type LogFormat} from './jsonl.js';
import {chatMessageSchema, firstIssue} from './state-schema.js';
import {tempPath} from './store-files.js';

const MESSAGE_LOG: LogFormat<ChatMessage> = {what: 'a chat message', schema: chatMessageSchema};

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
    if (!mayHold(line.text)) continue;
    const message = toRecord(line, file, MESSAGE_LOG);
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
  }

  rewrite(roomIds: readonly string[] | 'all', rewrite: (m: ChatMessage) => ChatMessage | null): void {
    const rooms = roomIds === 'all' ? null : new Set(roomIds);
    const mayHold = roomPrefilter(roomIds);
    const target = this.newTemp();
    const fd = createExclusive(target, this.owner);
    try {
      io('write', target, () => this.copyRewritten(fd, rooms, mayHold, rewrite));
      io('flush', target, () => storeIo.fsync(fd));
    } finally {
      fs.closeSync(fd);
    }
    if (this.sourceIsOurs) removeQuietly(this.source);
    this.source = target;
    this.sourceIsOurs = true;
    this.pending = [];
  }

  private copyRewritten(
    fd: number,
    rooms: ReadonlySet<string> | null,
    mayHold: (text: string) => boolean,
    rewrite: (m: ChatMessage) => ChatMessage | null,
  ): void {
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
      else pass(toRecord(line, this.source, MESSAGE_LOG, value));
    }
    for (const message of this.pending) {
      if (!rooms || rooms.has(message.roomId)) pass(message);
      else out.add(toJsonLine(message));
    }
    out.flush();
  }

  finish(): MessageOutcome {
    const lines = this.pending.map(toJsonLine).join('');
    if (this.source === this.file) {
      if (lines === '') return {kind: 'unchanged'};
      const sizeBefore = appendOffset(this.file, MESSAGE_LOG);
      const temp = tempPath(this.file, `${this.token}.append`);
      writeNewFile(temp, lines, this.owner);
      return {kind: 'append', temp, sizeBefore};
    }
    if (this.sourceIsOurs) {
      if (lines !== '') appendAndSync(this.source, lines);
      return {kind: 'replace', temp: this.source};
    }
    const temp = this.newTemp();
    copyNewFile(this.source, temp, this.owner, lines);
    return {kind: 'replace', temp};
  }

  private newTemp(): string {
    this.step += 1;
    return tempPath(this.file, `${this.token}-${this.step}`);
  }
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
