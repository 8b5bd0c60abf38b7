import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {formatJsonError, formatJsonLine, formatJsonWarning} from '../../src/cli/format-json.js';
import {isUnsafeCodePoint} from '../../src/lang/display-safe.js';

describe('formatJsonLine', () => {
  it('prints one array on one line, keeping null properties', () => {
    const line = formatJsonLine([
      {
        Identity: 'pc1.dc1.example.org\\ItRoom',
        Description: null,
        Members: ['sip:ana@example.org'],
        Disabled: false,
      },
    ]);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual([
      {
        Identity: 'pc1.dc1.example.org\\ItRoom',
        Description: null,
        Members: ['sip:ana@example.org'],
        Disabled: false,
      },
    ]);
  });

  it('prints an empty array for no output', () => {
    expect(formatJsonLine([])).toBe('[]');
  });

  it('keeps the property order', () => {
    expect(formatJsonLine([{b: 1, a: 2}])).toBe('[{"b":1,"a":2}]');
  });

  it.each([
    ['a script block as its text', {kind: 'scriptblock', text: 'Name -eq "x"'}, 'Name -eq "x"'],
    [
      'a credential as {UserName}',
      {kind: 'credential', userName: 'EXAMPLE\\ana'},
      {UserName: 'EXAMPLE\\ana'},
    ],
    ['bytes as base64', {kind: 'bytes', data: Uint8Array.from([80, 75, 3, 4])}, 'UEsDBA=='],
    ['a hashtable as an object', {kind: 'hashtable', entries: [['Add', ['a']]]}, {Add: ['a']}],
    ['a number that JSON cannot hold as null', Number.POSITIVE_INFINITY, null],
  ] as const)('writes %s', (_name, value, expected) => {
    expect(JSON.parse(formatJsonLine([value]))).toEqual([expected]);
  });

  it('keeps a __proto__ key as a plain property', () => {
    const parsed = JSON.parse(
      formatJsonLine([JSON.parse('{"__proto__": {"polluted": true}, "Name": "x"}') as Record<string, null>]),
    ) as unknown[];
    expect(Object.keys(parsed[0] as object)).toEqual(['__proto__', 'Name']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('escapes characters a terminal would act on, and the data survives', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 30}), (text) => {
        const line = formatJsonLine([{Name: text}]);
        for (const ch of line) expect(isUnsafeCodePoint(ch.codePointAt(0)!)).toBe(false);
        expect((JSON.parse(line) as [{Name: string}])[0].Name).toBe(text);
      }),
      {numRuns: 500},
    );
  });
});

describe('JSON errors and warnings', () => {
  it('writes an error as {cmdlet, errorId, message, target}', () => {
    const line = formatJsonError({
      cmdlet: 'Get-X',
      errorId: 'RoomNotFound',
      message: 'No room.',
      target: 'X',
      parameter: 'Identity',
    });
    expect(line).toBe('{"cmdlet":"Get-X","errorId":"RoomNotFound","message":"No room.","target":"X"}');
  });

  it('writes a warning as {warningId, message, target}', () => {
    expect(formatJsonWarning({warningId: 'NoActiveServers', message: 'm\u202e', target: null})).toBe(
      '{"warningId":"NoActiveServers","message":"m\\u202e","target":null}',
    );
  });
});
