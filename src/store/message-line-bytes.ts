// An archived message line checked in its bytes, without decoding it, when every byte is printable
// ASCII (0x20-0x7e) and it holds no backslash: such bytes are the line's characters, none of which
// terminalSafeJson escapes, and each JSON string is its characters between two quotes, as in
// message-line-form.ts. A line that is the log's template of a message (chatMessageSchema's keys
// in its order, strings, a boolean, a string or null, no space), of the expected room, dated as
// toISOString writes a date, is one that the full path (archive-read.ts) accepts with this same
// date. Any other line takes that path, which also names what is wrong with it. Decoding a million
// lines to text, and Date.parse of each date, were most of what the check of an import's lines
// spent once JSON.parse and JSON.stringify had gone (P6).

import {MESSAGE_TEMPLATE} from './message-line-form.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;

const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const ID = bytesOf(MESSAGE_TEMPLATE.id);
const ROOM_ID = bytesOf(MESSAGE_TEMPLATE.roomId);
const AUTHOR = bytesOf(MESSAGE_TEMPLATE.author);
const POSTED_AT = bytesOf(MESSAGE_TEMPLATE.postedAt);
const TEXT = bytesOf(MESSAGE_TEMPLATE.text);
const REPLACED = bytesOf(MESSAGE_TEMPLATE.replaced);
const TRUE = bytesOf('true');
const FALSE = bytesOf('false');
const REPLACED_AT = bytesOf(MESSAGE_TEMPLATE.replacedAt);
const NULL = bytesOf('null');
const CLOSE = bytesOf(MESSAGE_TEMPLATE.close);

/** Where `expected` ends when the bytes at `at` (-1: an earlier part failed) are it; else -1. */
function literal(bytes: Uint8Array, at: number, expected: Uint8Array): number {
  if (at < 0 || at + expected.length > bytes.length) return -1;
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return -1;
  return at + expected.length;
}

/** Where the plain string at `at` ends, past its closing quote; -1 when there is none. */
function plainString(bytes: Uint8Array, at: number): number {
  if (at < 0 || at >= bytes.length || bytes[at] !== QUOTE) return -1;
  for (let i = at + 1; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === QUOTE) return i + 1;
    if (byte < FIRST_PRINTABLE || byte > LAST_PRINTABLE || byte === BACKSLASH) return -1;
  }
  return -1;
}

/** Where the field `key` and its plain string value end, from `at`; -1 when they are not there. */
const field = (bytes: Uint8Array, at: number, key: Uint8Array): number =>
  plainString(bytes, literal(bytes, at, key));

/** A message line read from its bytes: where its newline is, and its date (ms since the epoch). */
export interface AsciiMessageLine {
  readonly end: number;
  readonly time: number;
}

/**
 * The line of `bytes` that starts at `start`, when it is a message of room `roomId` in the log's
 * exact form, of printable ASCII without a backslash, dated as toISOString writes a date, and ends
 * with a newline; else undefined. The bytes scanned are all printable, so no newline is passed over.
 */
export function asciiMessageLine(
  bytes: Uint8Array,
  start: number,
  roomId: string,
): AsciiMessageLine | undefined {
  const id = field(bytes, start, ID);
  const room = field(bytes, id, ROOM_ID);
  const author = field(bytes, room, AUTHOR);
  const posted = field(bytes, author, POSTED_AT);
  const text = field(bytes, posted, TEXT);
  if (text < 0) return undefined;
  // A value starts past its key and opening quote, and ends before its closing quote.
  if (!sameAscii(bytes, id + ROOM_ID.length + 1, room - 1, roomId)) return undefined;
  const time = isoTime(bytes, author + POSTED_AT.length + 1, posted - 1);
  if (time === undefined) return undefined;
  let at = literal(bytes, text, REPLACED);
  at = Math.max(literal(bytes, at, TRUE), literal(bytes, at, FALSE));
  at = literal(bytes, at, REPLACED_AT);
  at = literal(bytes, Math.max(literal(bytes, at, NULL), plainString(bytes, at)), CLOSE);
  return at >= 0 && bytes[at] === NEWLINE ? {end: at, time} : undefined;
}

/** Whether bytes[from, to), all ASCII, spell `text`. */
function sameAscii(bytes: Uint8Array, from: number, to: number, text: string): boolean {
  if (to - from !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[from + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** A date as toISOString writes one, `D` standing for a digit. */
const ISO_FORM = bytesOf('DDDD-DD-DDTDD:DD:DD.DDDZ');
const DIGIT = 'D'.charCodeAt(0);
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The time of bytes[from, to) when they are a date in ISO_FORM whose fields are all in range (the
 * value Date.parse gives it); else undefined, for Date.parse to read (it rolls a day past its
 * month's end over, and reads 24:00 as the next day's midnight).
 */
function isoTime(bytes: Uint8Array, from: number, to: number): number | undefined {
  if (to - from !== ISO_FORM.length) return undefined;
  for (let i = 0; i < ISO_FORM.length; i++) {
    const byte = bytes[from + i] as number;
    if (ISO_FORM[i] === DIGIT ? byte < ZERO || byte > NINE : byte !== ISO_FORM[i]) return undefined;
  }
  const year = digitsAt(bytes, from, 4);
  const month = digitsAt(bytes, from + 5, 2);
  const day = digitsAt(bytes, from + 8, 2);
  const hour = digitsAt(bytes, from + 11, 2);
  const minute = digitsAt(bytes, from + 14, 2);
  const second = digitsAt(bytes, from + 17, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const seconds = (daysSinceEpoch(year, month, day) * 24 + hour) * 3600 + minute * 60 + second;
  return seconds * 1000 + digitsAt(bytes, from + 20, 3);
}

function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + (bytes[i] as number) - ZERO;
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, as Date counts them (Howard
 * Hinnant's days_from_civil): a year begins in March, so that February's length comes last. Date.UTC
 * gives the same but costs five times as much a line, and reads the years 0 to 99 as 1900 to 1999.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
