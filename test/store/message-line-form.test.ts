// The hand-read check of a plain archived line (message-line-form.ts) against the full path an
// import takes otherwise: JSON.parse, chatMessageSchema, and the comparison with toJsonLine. Whatever
// the line, the hand-read check never accepts one that the full path refuses, nor gives other values.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/domain/types.js';
import {parseLine, toJsonLine} from '../../src/store/jsonl.js';
import {plainMessageLine} from '../../src/store/message-line-form.js';
import {chatMessageSchema} from '../../src/store/state-schema.js';

/** The full path's verdict: the room and date of an accepted line, or null. */
function fullPath(text: string): {roomId: string; postedAt: string} | null {
  let value: unknown;
  try {
    value = parseLine({text, offset: 0, number: 1}, 'messages/0.jsonl');
  } catch {
    return null;
  }
  const parsed = chatMessageSchema.safeParse(value);
  if (!parsed.success || toJsonLine(parsed.data) !== `${text}\n`) return null;
  return {roomId: parsed.data.roomId, postedAt: parsed.data.postedAt};
}

const TRICKY = [
  '"',
  '\\',
  ',',
  ':',
  '{',
  '}',
  ' ',
  'n',
  'u',
  'l',
  't',
  '0',
  '\u2028',
  '\u0001',
  '\u007f',
  '\u202e',
  'é',
  '😀',
];
const unit = fc.constantFrom(...TRICKY, 'a', 'b', '1', '-', 'T', 'Z', '.');
const text = fc.oneof(
  fc.string({unit}),
  fc.string({unit: 'grapheme'}),
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', '2026-01-02T03:04:05.000Z', ''),
);
const message: fc.Arbitrary<ChatMessage> = fc.record({
  id: text,
  roomId: text,
  author: text,
  postedAt: text,
  text,
  replaced: fc.boolean(),
  replacedAt: fc.option(text, {nil: null}),
});
const logLine = message.map((m) => toJsonLine(m).slice(0, -1));

/** Edits at random places: a character put in, taken out or replaced. */
const edited = fc
  .tuple(
    logLine,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...TRICKY)), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([line, edits]) =>
    edits.reduce((l, [at, kind, ch]) => {
      const i = at % (l.length + 1);
      if (kind === 'insert') return l.slice(0, i) + ch + l.slice(i);
      if (kind === 'delete') return l.slice(0, i) + l.slice(i + 1);
      return l.slice(0, i) + ch + l.slice(i + 1);
    }, line),
  );

/** The same message in another shape: keys in another order, a key more or less, spaces, a number. */
const reshaped = fc
  .tuple(message, fc.nat(), fc.constantFrom('shuffle', 'extra', 'missing', 'spaced', 'number'))
  .map(([m, n, how]) => {
    const entries = Object.entries(m);
    if (how === 'shuffle') entries.push(...entries.splice(n % entries.length, 1));
    if (how === 'extra') entries.push(['extra', 'x']);
    if (how === 'missing') entries.splice(n % entries.length, 1);
    if (how === 'number') entries[n % entries.length] = [entries[n % entries.length]?.[0] ?? 'id', 1];
    const line = toJsonLine(Object.fromEntries(entries)).slice(0, -1);
    return how === 'spaced' ? line.replace(':', ': ') : line;
  });

describe('plainMessageLine', () => {
  it('accepts only lines the full path accepts, with the same room and date', () => {
    fc.assert(
      fc.property(fc.oneof(logLine, edited, reshaped), (line) => {
        const plain = plainMessageLine(line);
        if (plain !== undefined) expect(fullPath(line)).toEqual(plain);
      }),
      {numRuns: 20_000},
    );
  });

  it('reads by hand every line the log writes for a message of plain text', () => {
    const plainText = fc.string({unit: fc.constantFrom('a', 'b', ' ', ':', ',', '{', '}', '-', 'é', '😀')});
    fc.assert(
      fc.property(
        fc.record({
          id: plainText,
          roomId: plainText,
          author: plainText,
          postedAt: plainText,
          text: plainText,
          replaced: fc.boolean(),
          replacedAt: fc.option(plainText, {nil: null}),
        }),
        (m) => {
          const line = toJsonLine(m).slice(0, -1);
          expect(plainMessageLine(line)).toEqual({roomId: m.roomId, postedAt: m.postedAt});
        },
      ),
    );
  });

  it.each([
    [
      'an escaped quote',
      String.raw`{"id":"a\"b","roomId":"r","author":"u","postedAt":"d","text":"t","replaced":false,"replacedAt":null}`,
    ],
    [
      'a character the log escapes',
      '{"id":"a","roomId":"r","author":"u","postedAt":"d","text":"\u2028","replaced":false,"replacedAt":null}',
    ],
    [
      'a space after a colon',
      '{"id":"a","roomId": "r","author":"u","postedAt":"d","text":"t","replaced":false,"replacedAt":null}',
    ],
    [
      'a second roomId',
      '{"id":"a","roomId":"r","author":"u","postedAt":"d","text":"t","replaced":false,"replacedAt":null,"roomId":"s"}',
    ],
    [
      'bytes after the object',
      '{"id":"a","roomId":"r","author":"u","postedAt":"d","text":"t","replaced":false,"replacedAt":null} ',
    ],
    [
      'a number for replacedAt',
      '{"id":"a","roomId":"r","author":"u","postedAt":"d","text":"t","replaced":false,"replacedAt":1}',
    ],
  ])('leaves to the full path a line with %s', (_, line) => {
    expect(plainMessageLine(line)).toBeUndefined();
  });
});
