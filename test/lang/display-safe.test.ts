import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {displaySafe, isUnsafeCodePoint} from '../../src/lang/display-safe.js';

const range = (from: number, to: number): number[] => Array.from({length: to - from + 1}, (_, i) => from + i);

const C0 = range(0x00, 0x1f);
const C1 = range(0x80, 0x9f);
const BIDI = [0x061c, 0x200e, 0x200f, ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
const INVISIBLE = [
  0x00ad, 0x180e, 0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff,
  0xe0001, 0xe0041, 0xe007f,
];

describe('displaySafe', () => {
  it.each(C0.map((code) => [code]))('shows the C0 control %i in caret notation', (code) => {
    expect(displaySafe(`a${String.fromCharCode(code)}b`)).toBe(`a^${String.fromCharCode(code + 0x40)}b`);
  });

  it('shows ESC as ^[ so an escape sequence cannot act', () => {
    expect(displaySafe('\u001b[2J\u001b]0;owned\u0007')).toBe('^[[2J^[]0;owned^G');
  });

  it('shows DEL as ^?', () => {
    expect(displaySafe('\u007f')).toBe('^?');
  });

  it.each([...C1, ...BIDI, ...INVISIBLE].map((code) => [code]))('shows U+%s as a visible escape', (code) => {
    expect(displaySafe(`x${String.fromCodePoint(code)}y`)).toBe(`x\\u{${code.toString(16)}}y`);
  });

  it('shows a lone surrogate as an escape', () => {
    expect(displaySafe('a\ud800b')).toBe('a\\u{d800}b');
  });

  it('leaves ordinary text alone, including accents, CJK and emoji', () => {
    for (const text of ['pc1.dc1.example.org\\ItRoom', 'Café Øresund', '会议室', 'Team 🚀', 'Ops Οps'])
      expect(displaySafe(text)).toBe(text);
  });

  it('never lets an unsafe code point through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 40}), (text) => {
        for (const ch of displaySafe(text)) expect(isUnsafeCodePoint(ch.codePointAt(0)!)).toBe(false);
      }),
      {numRuns: 500},
    );
  });

  it.each([
    ['an escape sequence that clears the screen', 'Room\x1b[2J', 'Room^[[2J'],
    ['an OSC 52 clipboard write', '\x1b]52;c;aGk=\x07', '^[]52;c;aGk=^G'],
    ['a C1 control sequence introducer', 'a\u009b2Jb', 'a\\u{9b}2Jb'],
    ['a carriage return that would rewrite the row', 'ok\rEVIL', 'ok^MEVIL'],
    ['a line feed that would add a row', 'one\ntwo', 'one^Jtwo'],
    ['a tab', 'a\tb', 'a^Ib'],
    ['a NUL and a backspace', 'a\x00b\x08', 'a^@b^H'],
    ['a bidi override', 'abc\u202Efed', 'abc\\u{202e}fed'],
    ['a zero-width space', 'Ops\u200B', 'Ops\\u{200b}'],
    ['a line separator', 'a\u2028b', 'a\\u{2028}b'],
  ])('shows %s in visible notation', (_name, input, shown) => {
    expect(displaySafe(input)).toBe(shown);
  });

  // The console used to normalise to NFC while `pchat exec` did not; both now show the text as
  // stored, so a name copied from either names the same object.
  it('shows printable text exactly as stored, without normalising it', () => {
    expect(displaySafe('cafe\u0301')).toBe('cafe\u0301');
    expect(displaySafe('caf\u00e9')).toBe('caf\u00e9');
  });

  it('never lets an unsafe character through across the first planes of Unicode', () => {
    const everything = Array.from({length: 0x3000}, (_, cp) => String.fromCodePoint(cp)).join('');
    for (const ch of displaySafe(everything)) expect(isUnsafeCodePoint(ch.codePointAt(0)!)).toBe(false);
  });
});
