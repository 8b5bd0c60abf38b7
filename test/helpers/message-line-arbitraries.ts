// Message lines for the property tests of the hand-read checks of archived lines (message-line-form.ts,
// message-line-bytes.ts): lines as the log writes them, the same edited at random or reshaped, and the
// full path's verdict on a line (JSON.parse, chatMessageSchema, the comparison with toJsonLine).

import fc from 'fast-check';
import type {ChatMessage} from '../../src/domain/types.js';
import {parseLine, toJsonLine} from '../../src/store/jsonl.js';
import {chatMessageSchema} from '../../src/store/state-schema.js';

/** The full path's verdict: the room and date of an accepted line, or null. */
export function fullPath(text: string): {roomId: string; postedAt: string} | null {
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

export const TRICKY = [
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
export const text = fc.oneof(
  fc.string({unit}),
  fc.string({unit: 'grapheme'}),
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', '2026-01-02T03:04:05.000Z', ''),
);
/** Messages whose every string is one of `texts`. */
export const messagesOf = (texts: fc.Arbitrary<string>): fc.Arbitrary<ChatMessage> =>
  fc.record({
    id: texts,
    roomId: texts,
    author: texts,
    postedAt: texts,
    text: texts,
    replaced: fc.boolean(),
    replacedAt: fc.option(texts, {nil: null}),
  });
export const message = messagesOf(text);
export const logLine = message.map((m) => toJsonLine(m).slice(0, -1));

/** `lines` edited at random places: a character put in, taken out or replaced. */
export const editsOf = (lines: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      lines,
      fc.array(
        fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...TRICKY)),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    )
    .map(([line, edits]) =>
      edits.reduce((l, [at, kind, ch]) => {
        const i = at % (l.length + 1);
        if (kind === 'insert') return l.slice(0, i) + ch + l.slice(i);
        if (kind === 'delete') return l.slice(0, i) + l.slice(i + 1);
        return l.slice(0, i) + ch + l.slice(i + 1);
      }, line),
    );

export const edited = editsOf(logLine);

/** The same messages in another shape: keys in another order, a key more or less, spaces, a number. */
export const reshapedFrom = (messages: fc.Arbitrary<ChatMessage>): fc.Arbitrary<string> =>
  fc
    .tuple(messages, fc.nat(), fc.constantFrom('shuffle', 'extra', 'missing', 'spaced', 'number'))
    .map(([m, n, how]) => {
      const entries = Object.entries(m);
      if (how === 'shuffle') entries.push(...entries.splice(n % entries.length, 1));
      if (how === 'extra') entries.push(['extra', 'x']);
      if (how === 'missing') entries.splice(n % entries.length, 1);
      if (how === 'number') entries[n % entries.length] = [entries[n % entries.length]?.[0] ?? 'id', 1];
      const line = toJsonLine(Object.fromEntries(entries)).slice(0, -1);
      return how === 'spaced' ? line.replace(':', ': ') : line;
    });

export const reshaped = reshapedFrom(message);
