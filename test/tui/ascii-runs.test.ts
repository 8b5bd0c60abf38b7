// A line is drawn as runs of printable ASCII and runs of other graphemes (ascii-runs.ts); only the
// stretches around other characters are segmented, and the runs must be those a segmentation of
// the whole line gives.

import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {asciiRuns} from '../../src/tui/components/ascii-runs.js';
import type {Line} from '../../src/tui/components/segments.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The runs from graphemes of the whole text, merged by kind: what ascii-runs.ts must give. */
function expectedRuns(text: string): Line[] {
  const graphemes = [...new Intl.Segmenter('en', {granularity: 'grapheme'}).segment(text)].map(
    (s) => s.segment,
  );
  if (graphemes.some((g) => !PRINTABLE_ASCII.test(g) && stringWidth(g) === 0)) return [[{text}]];
  const runs: {text: string; ascii: boolean}[] = [];
  for (const g of graphemes) {
    const ascii = PRINTABLE_ASCII.test(g);
    const last = runs.at(-1);
    if (last?.ascii === ascii) last.text += g;
    else runs.push({text: g, ascii});
  }
  return runs.map((r) => [{text: r.text}]);
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

// Characters that join a neighbour (combining mark, ZWJ, variation selector, keycap, Arabic prepended
// mark, regional indicators, Hangul jamo, CR LF), wide ones and plain ASCII.
const PARTS = [
  'a',
  'b',
  ' ',
  '1',
  '.',
  '\u2026',
  '\u0301',
  '\u200d',
  '\ufe0f',
  '\u20e3',
  '\u0600',
  '\u{1F1EB}',
  '\u{1F1F7}',
  '\u{1F469}',
  '\u1100',
  '\u1161',
  '\r',
  '\n',
  '\u6f22',
  '\u00e9',
];

describe('asciiRuns', () => {
  it.each([
    ['plain ASCII', 'Sales room 12'],
    ['an ellipsis in a row', 'clara.dubois@contoso.com   Clara Dub\u2026  User'],
    ['a combining mark after an ASCII letter', 'Rene\u0301e  Paris'],
    ['a prepended mark before an ASCII digit', 'x \u06001 y'],
    ['a keycap', 'press 1\ufe0f\u20e3 now'],
  ])('cuts %s as a segmentation of the whole line does', (_, text) => {
    expect(asciiRuns([{text}])).toEqual(expectedRuns(text));
  });

  it('cuts random lines of joining, wide and ASCII characters as a segmentation of the whole line does', () => {
    const pick = random(5);
    let cut = 0;
    for (let n = 0; n < 2000; n++) {
      // Mostly ASCII, as list rows are: a line with a lone zero-width character is drawn whole.
      const text = Array.from({length: 1 + pick(24)}, () =>
        pick(3) > 0 ? 'ab 1.'[pick(5)]! : PARTS[pick(PARTS.length)]!,
      ).join('');
      const runs = asciiRuns([{text}]);
      expect(runs, JSON.stringify(text)).toEqual(expectedRuns(text));
      if (runs.length > 1) cut++;
    }
    // The comparison means something only if most lines were cut into several runs.
    expect(cut).toBeGreaterThan(500);
  });
});
