// The hand-read check of a plain archived line (message-line-form.ts) against the full path an
// import takes otherwise: JSON.parse, chatMessageSchema, and the comparison with toJsonLine. Whatever
// the line, the hand-read check never accepts one that the full path refuses, nor gives other values.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {toJsonLine} from '../../src/store/jsonl.js';
import {plainMessageLine} from '../../src/store/message-line-form.js';
import {edited, fullPath, logLine, reshaped} from '../helpers/message-line-arbitraries.js';

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
