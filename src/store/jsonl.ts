// JSON Lines: read synchronously in fixed-size chunks (memory stays bounded however long the log),
// and written so that a line can neither break into two nor hide terminal tricks when paged.
//
// Spec note: one rule for the lines of a log (messages.jsonl, audit.jsonl), the same for whoever
// reads them and whoever writes them, and kept here only:
// - A last line without its newline is an append that has not finished: one in progress in another
//   process, or one a crash cut short. It was never committed (a commit's append is finished from its
//   journal before anything else happens), so it is not part of the log. Readers never see it
//   (readLines stops before it), and a writer, which holds the lock so that no append can be in
//   progress, cuts it off: an append is written where the last complete line ends (appendOffset), and
//   a rewrite, reading through readLines, leaves it out.
// - A complete line that is not valid UTF-8, not JSON or not a record of its log is damage: a reader
//   or a writer that meets it stops with StoreDamaged naming the file, the line number and the byte
//   offset (exit 3), and changes nothing. A writer meets the last complete line (appendOffset checks
//   it, so nothing is ever appended after damage) and every line its rewrite reads. A writer does not
//   re-read the whole log at each commit (the logs grow without bound: 1.2 s per 100,000 audit
//   entries), so damage further back is reported by the next reader that reaches it; a room's reader
//   and a room's rewrite alike pass over lines that cannot be of that room without decoding or parsing
//   them (the rewrite copies them byte for byte: damage there stays as it was, for a reader to report).

import fs from 'node:fs';
import sjson from 'secure-json-parse';
import type {z} from 'zod';
import {damaged} from './decode.js';
import {io} from './durable-fs.js';
import {firstIssue} from './state-schema.js';
import {terminalSafeJson} from '../domain/text-chars.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

export interface JsonLine {
  readonly text: string;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  /** 1-based. */
  readonly number: number;
}

/** What the lines of one log hold: `what` names a record in messages ("an audit entry"). */
export interface LogFormat<T> {
  readonly what: string;
  readonly schema: z.ZodType<T>;
}

export const DEFAULT_CHUNK_BYTES = 1 << 16;

const utf8 = new TextDecoder('utf-8', {fatal: true});
const EMPTY = Buffer.alloc(0);

/**
 * The complete lines of `file` as it was when the scan started (a later append is not read; a
 * replacement by rename does not disturb an open scan). Stopping early closes the file. `from`: where
 * a reader that has read the lines before it goes on (the start of a line, and how many lines precede it).
 */
export function* readLines(
  file: string,
  chunkBytes: number = DEFAULT_CHUNK_BYTES,
  from: {readonly offset: number; readonly lines: number} = {offset: 0, lines: 0},
): Generator<JsonLine> {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  try {
    yield* readLinesOf(fd, file, chunkBytes, from);
  } finally {
    fs.closeSync(fd);
  }
}

/** readLines over a file the caller has opened (and closes): `file` names it in messages. */
export function* readLinesOf(
  fd: number,
  file: string,
  chunkBytes: number = DEFAULT_CHUNK_BYTES,
  from: {readonly offset: number; readonly lines: number} = {offset: 0, lines: 0},
): Generator<JsonLine> {
  const end = fs.fstatSync(fd).size;
  const chunk = Buffer.allocUnsafe(chunkBytes);
  let carry: Buffer = EMPTY;
  let carryOffset = 0;
  let position = from.offset;
  let number = from.lines;
  while (position < end) {
    const n = io('read', file, () =>
      fs.readSync(fd, chunk, 0, Math.min(chunkBytes, end - position), position),
    );
    if (n === 0) break;
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, 0); nl >= 0 && nl < n; nl = chunk.indexOf(0x0a, start)) {
      const bytes =
        carry.length > 0 ? Buffer.concat([carry, chunk.subarray(start, nl)]) : chunk.subarray(start, nl);
      const offset = carry.length > 0 ? carryOffset : position + start;
      number += 1;
      yield {text: decodeLine(bytes, file, offset, number), offset, number};
      carry = EMPTY;
      start = nl + 1;
    }
    if (start < n) {
      if (carry.length === 0) carryOffset = position + start;
      carry = Buffer.concat([carry, chunk.subarray(start, n)]);
    }
    position += n;
  }
  // What is left in `carry` is a last line without its newline: not part of the log.
}

const at = (number: number, offset: number): string => `line ${number} (byte offset ${offset})`;

function decodeLine(
  bytes: Uint8Array,
  file: string,
  offset: number,
  number: number | (() => number),
): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw damaged(file, `${at(typeof number === 'number' ? number : number(), offset)} is not valid UTF-8`);
  }
}

/**
 * A line found without reading the lines before it (by a search or through an index): its number is
 * counted only when a message names it.
 */
export function lineAt(bytes: Uint8Array, file: string, offset: number, countNumber: () => number): JsonLine {
  let counted: number | undefined;
  const number = (): number => (counted ??= countNumber());
  const text = decodeLine(bytes, file, offset, number);
  return {
    text,
    offset,
    get number() {
      return number();
    },
  };
}

/**
 * Parses one line; a line that is not JSON (or carries `__proto__`) makes the file damaged at that line.
 * A key can only be `__proto__` or `constructor` if the line spells the word or escapes a character
 * (`\u`), so any other line (every line the store writes but a few) is parsed natively: a log or an
 * archive of a million lines is parsed by each export, import and scan.
 */
export function parseLine(line: JsonLine, file: string): unknown {
  const text = line.text;
  if (!text.includes('__proto__') && !text.includes('constructor') && !text.includes('\\u')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON: the secure parse below says so, naming the line.
    }
  }
  try {
    return sjson.parse(line.text, null, {protoAction: 'error', constructorAction: 'error'}) as unknown;
  } catch {
    throw damaged(file, `${at(line.number, line.offset)} is not valid JSON`);
  }
}

/** A line as a record of its log (`value`: the line already parsed), or StoreDamaged naming the line. */
export function toRecord<T>(
  line: JsonLine,
  file: string,
  format: LogFormat<T>,
  value: unknown = parseLine(line, file),
): T {
  const parsed = format.schema.safeParse(value);
  if (!parsed.success)
    throw damaged(
      file,
      `${at(line.number, line.offset)} is not ${format.what} (${firstIssue(parsed.error)})`,
    );
  return parsed.data;
}

/**
 * Where a writer appends to `file`: the end of its last complete line, so a last line without its
 * newline is cut off by the append. That last complete line is checked first: nothing is appended
 * after damage. `orphan`: a last record that is no part of the log (an audit entry past the state's
 * revision), whose start is then where the writer appends.
 */
export function appendOffset<T>(
  file: string,
  format: LogFormat<T>,
  orphan: (record: T) => boolean = () => false,
): number {
  const last = lastRecord(file, format);
  return last === null ? 0 : orphan(last.record) ? last.start : last.end;
}

/** The last complete line of `file` as a record of its log, with where it starts and ends; null when there is none. */
export function lastRecord<T>(
  file: string,
  format: LogFormat<T>,
): {readonly record: T; readonly start: number; readonly end: number} | null {
  return io('read', file, () => {
    const fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
    try {
      const end = lastNewline(fd, fs.fstatSync(fd).size) + 1;
      if (end === 0) return null;
      const start = lastNewline(fd, end - 1) + 1;
      const bytes = Buffer.alloc(end - 1 - start);
      fs.readSync(fd, bytes, 0, bytes.length, start);
      // The line's number is counted only when it is needed for the message.
      const line = (number: number): JsonLine => ({
        text: decodeLine(bytes, file, start, number),
        offset: start,
        number,
      });
      let record: T;
      try {
        record = toRecord(line(0), file, format);
      } catch {
        record = toRecord(line(countLines(fd, start) + 1), file, format);
      }
      return {record, start, end};
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** A log's lines are mostly short: the search for the last one starts with this much. */
const FIRST_TAIL_BYTES = 1 << 12;

/**
 * Offset of the last newline before `end`, or -1; read backwards in chunks, from a small one up to
 * DEFAULT_CHUNK_BYTES, so that finding a short last line neither reads nor allocates much.
 */
function lastNewline(fd: number, end: number): number {
  let chunk = Buffer.allocUnsafe(Math.min(FIRST_TAIL_BYTES, DEFAULT_CHUNK_BYTES));
  for (let stop = end; stop > 0;) {
    const from = Math.max(0, stop - chunk.length);
    const n = fs.readSync(fd, chunk, 0, stop - from, from);
    const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) return from + nl;
    stop = from;
    if (chunk.length < DEFAULT_CHUNK_BYTES) chunk = Buffer.allocUnsafe(chunk.length * 4);
  }
  return -1;
}

/** Newlines before `end`: the number of complete lines there. */
export function countLines(fd: number, end: number): number {
  const chunk = Buffer.allocUnsafe(DEFAULT_CHUNK_BYTES);
  let count = 0;
  for (let position = 0; position < end;) {
    const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, end - position), position);
    if (n === 0) break;
    for (let i = chunk.indexOf(0x0a); i >= 0 && i < n; i = chunk.indexOf(0x0a, i + 1)) count += 1;
    position += n;
  }
  return count;
}

/**
 * One value as one line (with its newline): CR, LF, ESC are escaped by JSON, and the characters a
 * terminal or log viewer would act on (C1, bidi, separators, invisible ones) by terminalSafeJson;
 * as \u escapes they read back identically and show as what they are.
 */
export const toJsonLine = (value: unknown): string => `${terminalSafeJson(JSON.stringify(value))}\n`;
