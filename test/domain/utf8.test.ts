import {describe, expect, it} from 'vitest';
import {invalidUtf8At, lineAt} from '../../src/domain/utf8.js';

describe('invalidUtf8At', () => {
  it.each([
    ['ASCII', [0x61, 0x62], -1],
    ['a typed U+FFFD', [0x61, 0xef, 0xbf, 0xbd], -1],
    ['Latin-1 é', [0x43, 0x61, 0x66, 0xe9], 3],
    ['a lone continuation byte', [0x61, 0x80, 0x62], 1],
    ['a sequence cut short', [0x61, 0x62, 0xe2, 0x82], 2],
    ['a sequence cut short that starts like U+FFFD', [0xef, 0xbf, 0x41], 0],
    ['an overlong slash', [0x61, 0xc0, 0xaf], 1],
    ['a surrogate', [0xed, 0xa0, 0x80], 0],
  ])('gives the offset of the first bad sequence in %s', (_name, bytes, offset) => {
    expect(invalidUtf8At(Uint8Array.from(bytes))).toBe(offset);
  });

  it('counts lines to an offset', () => {
    expect(lineAt(new TextEncoder().encode('a\nb\nc'), 4)).toBe(3);
    expect(lineAt(new TextEncoder().encode('abc'), 2)).toBe(1);
  });
});
