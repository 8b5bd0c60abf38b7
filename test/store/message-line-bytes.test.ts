// The check of an archived line in its bytes (message-line-bytes.ts) against the full path an import
// takes otherwise (archive-read.ts): JSON.parse, chatMessageSchema, the comparison with toJsonLine,
// the room, and Date.parse of the date. Whatever the line, its bytes are accepted only when the full
// path accepts it, with the same date; and every line of printable ASCII in the log's form is read
// from its bytes.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/domain/types.js';
import {toJsonLine} from '../../src/store/jsonl.js';
import {asciiMessageLine} from '../../src/store/message-line-bytes.js';
import {
  TRICKY,
  editsOf,
  fullPath,
  logLine,
  message,
  reshapedFrom,
} from '../helpers/message-line-arbitraries.js';

const ROOM = 'd3aa13ed-59e5-4601-8c2e-551549dac454';

const MESSAGE: ChatMessage = {
  id: 'a',
  roomId: ROOM,
  author: 'u',
  postedAt: '2012-03-20T10:00:00.000Z',
  text: 't',
  replaced: false,
  replacedAt: null,
};

/** The full path's date of a line of room ROOM, or null when it refuses the line. */
function fullPathTime(text: string): number | null {
  const facts = fullPath(text);
  if (facts === null || facts.roomId !== ROOM) return null;
  const time = Date.parse(facts.postedAt);
  return Number.isNaN(time) ? null : time;
}

const YEAR_0 = '0000-01-01T00:00:00.000Z';
const YEAR_9999 = '9999-12-31T23:59:59.999Z';
/** The dates toISOString writes as YYYY-MM-DDTHH:mm:ss.sssZ, and the years before and after. */
const anyDate = fc.oneof(
  fc.date({min: new Date(YEAR_0), max: new Date(YEAR_9999), noInvalidDate: true}),
  fc.date({noInvalidDate: true}),
);
const ISO_FORM = 'DDDD-DD-DDTDD:DD:DD.DDDZ';
/** The form of a date with any digits: months, days and hours out of range, February 29 and 30. */
const anyDigits = fc
  .array(fc.integer({min: 0, max: 9}), {minLength: 17, maxLength: 17})
  .map((digits) => [...ISO_FORM].map((c) => (c === 'D' ? String(digits.shift()) : c)).join(''));
/** The same instant written in other forms that Date.parse reads, or not. */
const otherForm = fc
  .tuple(anyDate, fc.constantFrom('no ms', 'offset', 'lower case', 'date only', 'space', 'local'))
  .map(([date, how]) => {
    const iso = date.toISOString();
    if (how === 'no ms') return iso.replace(/\.\d{3}Z$/, 'Z');
    if (how === 'offset') return iso.replace('Z', '+00:00');
    if (how === 'lower case') return iso.toLowerCase();
    if (how === 'date only') return iso.slice(0, 10);
    if (how === 'space') return iso.replace('T', ' ');
    return iso.slice(0, -1);
  });
const dateText = fc.oneof(
  anyDate.map((d) => d.toISOString()),
  anyDigits,
  otherForm,
  fc.constantFrom('2024-02-29T12:00:00.000Z', '2023-02-29T12:00:00.000Z', '2024-01-01T24:00:00.000Z'),
);

const asciiUnit = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  '~',
  ...TRICKY,
  '\u007f',
  '\u001f',
  '\n',
  '\t',
  '\u0080',
);
const asciiText = fc.oneof(fc.string({unit: asciiUnit, maxLength: 12}), fc.string({maxLength: 4}));
const asciiMessage: fc.Arbitrary<ChatMessage> = fc.record({
  id: asciiText,
  roomId: fc.oneof(
    fc.constant(ROOM),
    fc.constantFrom(`${ROOM} `, ROOM.slice(1), ROOM.toUpperCase(), ''),
    asciiText,
  ),
  author: asciiText,
  postedAt: fc.oneof(dateText, asciiText),
  text: asciiText,
  replaced: fc.boolean(),
  replacedAt: fc.option(fc.oneof(dateText, asciiText), {nil: null}),
});
const asciiLine = asciiMessage.map((m) => toJsonLine(m).slice(0, -1));
/** Messages of the room whose lines are printable ASCII in the log's form, but for some dates. */
const plainText = fc.string({unit: fc.constantFrom('a', 'Z', '0', ' ', ':', ',', '{', '}', '-', '~')});
const plainMessage = (postedAt: fc.Arbitrary<string>): fc.Arbitrary<ChatMessage> =>
  fc.record({
    id: plainText,
    roomId: fc.constant(ROOM),
    author: plainText,
    postedAt,
    text: plainText,
    replaced: fc.boolean(),
    replacedAt: fc.option(plainText, {nil: null}),
  });
const plainLine = plainMessage(dateText).map((m) => toJsonLine(m).slice(0, -1));
const line = fc
  .oneof(
    plainLine,
    editsOf(plainLine),
    asciiLine,
    editsOf(asciiLine),
    reshapedFrom(asciiMessage),
    logLine,
    reshapedFrom(message),
  )
  .filter((l) => !l.includes('\n'));

/** `text` as a line of a region, between lines before and after it: its bytes and where it starts. */
const inRegion = (before: string, text: string, after: string): {bytes: Buffer; start: number} => ({
  bytes: Buffer.from(`${before}${text}\n${after}`),
  start: Buffer.byteLength(before),
});

describe('asciiMessageLine', () => {
  it('accepts only lines the full path accepts, with the same date, and ends them at their newline', () => {
    const around = fc.constantFrom('', `${toJsonLine({id: 'x'}).slice(0, -1)}\n`, 'a"b\\c\n');
    fc.assert(
      fc.property(around, line, around, (before, text, after) => {
        const {bytes, start} = inRegion(before, text, after);
        const read = asciiMessageLine(bytes, start, ROOM);
        if (read !== undefined) {
          expect(fullPathTime(text)).not.toBeNull();
          expect(read).toEqual({end: start + Buffer.byteLength(text), time: fullPathTime(text)});
        }
      }),
      {numRuns: 20_000},
    );
  });

  it('reads from its bytes every line of printable ASCII the log writes for a message of the room', () => {
    const isoDate = fc.date({min: new Date(YEAR_0), max: new Date(YEAR_9999), noInvalidDate: true});
    fc.assert(
      fc.property(plainMessage(isoDate.map((d) => d.toISOString())), (m) => {
        const text = toJsonLine(m).slice(0, -1);
        const {bytes, start} = inRegion('', text, '');
        expect(asciiMessageLine(bytes, start, ROOM)).toEqual({
          end: bytes.length - 1,
          time: Date.parse(m.postedAt),
        });
      }),
    );
  });

  it.each([
    '2024-02-29T12:00:00.000Z',
    '2023-02-29T12:00:00.000Z',
    '2023-02-31T12:00:00.000Z',
    '2023-04-31T12:00:00.000Z',
    '2023-01-32T12:00:00.000Z',
    '2023-13-01T12:00:00.000Z',
    '2023-00-10T12:00:00.000Z',
    '2024-01-01T24:00:00.000Z',
    '2024-01-01T24:30:00.000Z',
    '2023-01-01T23:59:60.000Z',
    '2023-01-01T23:60:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '0099-12-31T23:59:59.999Z',
    '1900-02-29T00:00:00.000Z',
    '2000-02-29T00:00:00.000Z',
    '+002023-01-01T00:00:00.000Z',
  ])('reads the date %s as Date.parse does, or leaves it to the full path', (postedAt) => {
    const text = `${toJsonLine({...MESSAGE, postedAt}).slice(0, -1)}\n`;
    const read = asciiMessageLine(Buffer.from(text), 0, ROOM);
    if (read !== undefined) expect(read.time).toBe(Date.parse(postedAt));
  });

  it.each([
    ['no newline after it', (text: string) => Buffer.from(text)],
    [
      'a second line in the same bytes',
      (text: string) => Buffer.from(`${text.slice(0, 50)}\n${text.slice(50)}\n`),
    ],
    [
      'a byte past ASCII in its text',
      (text: string) => Buffer.from(`${text.replace('"text":"', '"text":"é')}\n`),
    ],
    ['an escaped quote', (text: string) => Buffer.from(`${text.replace('"text":"', '"text":"\\"')}\n`)],
  ])('leaves to the full path a line with %s', (_, bytesOf) => {
    const text = toJsonLine(MESSAGE).slice(0, -1);
    expect(asciiMessageLine(Buffer.from(`${text}\n`), 0, ROOM)).toBeDefined();
    expect(asciiMessageLine(bytesOf(text), 0, ROOM)).toBeUndefined();
  });
});
