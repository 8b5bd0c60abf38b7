import {describe, expect, it} from 'vitest';
import {displaySafe, displayValue} from '../../src/tui/display-safe.js';

describe('displaySafe', () => {
  it.each([
    ['an escape sequence that clears the screen', 'Room\x1b[2J', 'Room^[[2J'],
    ['an OSC 52 clipboard write', '\x1b]52;c;aGk=\x07', '^[]52;c;aGk=^G'],
    ['a C1 control sequence introducer', 'a\u009b2Jb', 'a\\u{9b}2Jb'],
    ['a carriage return that would rewrite the row', 'ok\rEVIL', 'ok^MEVIL'],
    ['a line feed that would add a row', 'one\ntwo', 'one^Jtwo'],
    ['a tab', 'a\tb', 'a^Ib'],
    ['a NUL and a backspace', 'a\x00b\x08', 'a^@b^H'],
    ['a DEL', 'x\x7f', 'x^?'],
    ['a bidi override', 'abc\u202Efed', 'abc\\u{202e}fed'],
    ['a zero-width space', 'Ops\u200B', 'Ops\\u{200b}'],
    ['a line separator', 'a\u2028b', 'a\\u{2028}b'],
  ])('shows %s in visible notation', (_name, input, shown) => {
    expect(displaySafe(input)).toBe(shown);
  });

  it.each(['ItRoom', 'Ana Silva', 'pc1.dc1.example.org\\ItRoom', '会議室', 'café', '🎉 party'])(
    'leaves the printable text %s unchanged',
    (text) => {
      expect(displaySafe(text)).toBe(text);
    },
  );

  it('normalises to NFC so look-alike spellings display the same', () => {
    expect(displaySafe('cafe\u0301')).toBe('café');
  });

  it('never lets a control character through, whatever the input', () => {
    const everything = Array.from({length: 0x3000}, (_, cp) => String.fromCodePoint(cp)).join('');
    // eslint-disable-next-line no-control-regex
    expect(displaySafe(everything)).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('renders values of other types as text', () => {
    expect(displayValue(null)).toBe('');
    expect(displayValue(3)).toBe('3');
    expect(displayValue(['a\x1b'])).toBe('["a\\u001b"]');
    expect(displayValue(true)).toBe('true');
  });
});
