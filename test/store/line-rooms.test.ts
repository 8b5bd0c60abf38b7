import fc from 'fast-check';
import {describe, expect, it, vi} from 'vitest';
import {linesByRoom, UnreadableLine} from '../../src/store/line-rooms.js';

const roomsOf = (text: string): string[] => {
  const rooms: string[] = [];
  linesByRoom(Buffer.from(text), 0, (roomId) => rooms.push(roomId));
  return rooms;
};

describe('the room of each line of the message log', () => {
  it('reads the room of lines written by the store without parsing them', () => {
    expect(roomsOf('{"id":"m1","roomId":"r1","text":"a"}\n{"id":"m2","roomId":"r2","text":"b"}\n')).toEqual([
      'r1',
      'r2',
    ]);
  });

  it('reads a room id with bytes past ASCII as UTF-8, and refuses one that is not UTF-8', () => {
    expect(
      roomsOf('{"id":"m1","roomId":"rüm-1"}\n{"id":"m2","roomId":"部屋"}\n{"id":"m3","roomId":"r3"}\n'),
    ).toEqual(['rüm-1', '部屋', 'r3']);
    const latin1 = Buffer.concat([
      Buffer.from('{"id":"m1","roomId":"r'),
      Buffer.from([0xfc]),
      Buffer.from('m"}\n'),
    ]);
    expect(() => linesByRoom(latin1, 0, () => undefined)).toThrow(UnreadableLine);
  });

  it('parses a last line whose id ends too close to the end of the region for the room key to fit', () => {
    // The room key is looked for past the id's closing quote: on the region's last short line that
    // reaches past the region's end, which must send the line to the parser, not throw a RangeError.
    expect(roomsOf('{"id":"m1","roomId":"r1"}\n{"id":"m2","x":1,"roomId":"r9"}\n')).toEqual(['r1', 'r9']);
    expect(() => roomsOf('{"id":"m1","roomId":"r1"}\n{"id":"m"}\n')).toThrow(UnreadableLine);
  });

  it('parses a line that holds the room key twice or an escape, as JSON.parse reads it', () => {
    expect(
      roomsOf(
        '{"id":"m1","roomId":"r1","text":"a","roomId":"r2"}\n{"id":"m2","roomId":"r3","text":"\\u0041"}\n{"id":"m3","roomId":"r4"}\n',
      ),
    ).toEqual(['r2', 'r3', 'r4']);
  });

  it('reads an id spelled roomId, whose bytes "roomId" are a value and no key, as JSON.parse does', () => {
    expect(roomsOf('{"id":"roomId","roomId":"r1","text":"a"}\n{"id":"m2","roomId":"roomId"}\n')).toEqual([
      'r1',
      'roomId',
    ]);
  });

  it('gives the room JSON.parse gives for lines in the form the store writes, made of the bytes that matter', () => {
    // Pieces of the key, quotes, backslashes and escapes in the id, the room and after them.
    const piece = fc.constantFrom(
      'roomId',
      '"roomId"',
      '","roomId":"',
      'r',
      'ü',
      '\\u0041',
      '\\"',
      ':',
      ',',
      '',
    );
    const text = fc.array(piece, {maxLength: 4}).map((parts) => parts.join(''));
    const line = fc
      .record({
        id: text,
        roomId: text,
        rest: fc.array(fc.tuple(fc.constantFrom('text', 'roomId', 'x'), text), {maxLength: 2}),
      })
      .map(
        ({id, roomId, rest}) =>
          `{"id":"${id}","roomId":"${roomId}"${rest.map(([k, v]) => `,"${k}":"${v}"`).join('')}}`,
      )
      .filter((l) => {
        try {
          return typeof (JSON.parse(l) as {roomId?: unknown}).roomId === 'string';
        } catch {
          return false;
        }
      });
    fc.assert(
      fc.property(fc.array(line, {minLength: 1, maxLength: 5}), (lines) => {
        expect(roomsOf(lines.map((l) => `${l}\n`).join(''))).toEqual(
          lines.map((l) => (JSON.parse(l) as {roomId: string}).roomId),
        );
      }),
      {numRuns: 5000},
    );
  });

  it('reads the room of each line with two searches of the region and no compare() call', () => {
    // compare() checks its four offsets before comparing a dozen bytes, twice a line: on L it cost
    // more than the bytes (a million lines an export's pass one, per pool).
    const lines = Array.from({length: 1000}, (_, n) => `{"id":"m${n}","roomId":"r${n % 7}","text":"t"}\n`);
    const compare = vi.spyOn(Buffer.prototype, 'compare');
    const indexOf = vi.spyOn(Buffer.prototype, 'indexOf');
    try {
      expect(roomsOf(lines.join(''))).toEqual(lines.map((_, n) => `r${n % 7}`));
      expect(compare).not.toHaveBeenCalled();
      expect(indexOf.mock.calls.length).toBeLessThanOrEqual(2 * lines.length + 2);
    } finally {
      compare.mockRestore();
      indexOf.mockRestore();
    }
  });
});
