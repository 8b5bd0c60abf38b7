// A line an import moves to another room has its room id rewritten in its text; it must be exactly
// the line the log writes for the message decoded, given the new id and serialized again.

import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {encodedRoomId, movedLine} from '../../src/store/moved-lines.js';
import {toJsonLine} from '../../src/store/jsonl.js';
import type {ChatMessage} from '../../src/domain/types.js';
import {messagesOf} from '../helpers/message-line-arbitraries.js';

// Quotes, backslashes, controls, bidi and separator characters, lone surrogates: everything the
// serialization escapes one way or another, beside any other character.
const tricky = fc.constantFrom(
  '"',
  '\\',
  '\\"',
  '\n',
  '\u001b',
  '\u0085',
  '\u202e',
  '\u2028',
  '\ud800',
  'é',
  '𝄞',
);
const text = fc
  .array(fc.oneof(tricky, fc.string({unit: 'binary', maxLength: 6})), {maxLength: 6})
  .map((parts) => parts.join(''));

const message = messagesOf(text);

const logLine = (m: ChatMessage): string => toJsonLine(m).slice(0, -1);

describe('movedLine', () => {
  it('gives the line the log writes for the message with the new room id', () => {
    fc.assert(
      fc.property(message, text, (m, roomId) => {
        const moved = movedLine(logLine(m), encodedRoomId(m.roomId), encodedRoomId(roomId));
        expect(moved).toBe(logLine({...m, roomId}));
      }),
      {numRuns: 2000},
    );
  });

  it('refuses a line whose room id is another, even one that starts the same', () => {
    fc.assert(
      fc.property(message, text, (m, other) => {
        fc.pre(other !== m.roomId);
        expect(movedLine(logLine(m), encodedRoomId(other), encodedRoomId('x'))).toBeNull();
        expect(
          movedLine(logLine({...m, roomId: `${m.roomId}${other}`}), encodedRoomId(m.roomId), '"x"'),
        ).toBe(other === '' ? logLine({...m, roomId: 'x'}) : null);
      }),
      {numRuns: 1000},
    );
  });

  it('refuses a line not in the form the log writes', () => {
    const m: ChatMessage = {
      id: 'm1',
      roomId: 'r1',
      author: 'sip:a@example.org',
      postedAt: '2026-01-01T00:00:00.000Z',
      text: 'hi',
      replaced: false,
      replacedAt: null,
    };
    const from = encodedRoomId('r1');
    expect(movedLine(JSON.stringify(m, null, 1), from, '"r2"')).toBeNull();
    const {id, roomId, ...rest} = m;
    expect(movedLine(JSON.stringify({roomId, id, ...rest}), from, '"r2"')).toBeNull();
    expect(movedLine('{"id":"m1', from, '"r2"')).toBeNull();
    expect(movedLine(logLine(m), from, '"r2"')).toBe(logLine({...m, roomId: 'r2'}));
  });
});
