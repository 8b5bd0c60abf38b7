// A table cell drawn alone (src/tui/components/cell-alone.ts): a plain text, such as a cut cell that
// ends in an ellipsis, is taken as drawing alone without being segmented (issue 12: P4).

import stringWidth from 'string-width';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {drawsAlone} from '../../src/tui/components/cell-alone.js';
import {PLAIN} from '../../src/tui/frame-output.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** What segmenting the cell between the spaces of its row says, the check drawsAlone makes. */
function segmentedAlone(text: string): boolean {
  const graphemes = [...new Intl.Segmenter('en', {granularity: 'grapheme'}).segment(` ${text} `)].map(
    (s) => s.segment,
  );
  if (graphemes[0] !== ' ' || graphemes.at(-1) !== ' ') return false;
  return graphemes.every((g) => stringWidth(g) > 0);
}

describe('a cell drawn alone', () => {
  it('is a cut cell of printable ASCII and the ellipsis, found without segmenting it', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    expect(drawsAlone('CN=Clara Dubois 4711,OU=Engineering,DC=exa…')).toBe(true);
    expect(segment).not.toHaveBeenCalled();
  });

  it('is each plain character at either end, as segmenting the cell says', () => {
    const plain = Array.from({length: 0x10000}, (_, unit) => String.fromCharCode(unit)).filter(
      (c) => !/[\ud800-\udfff]/.test(c) && PLAIN.test(c),
    );
    for (const c of plain) {
      expect(drawsAlone(`${c}x`), c).toBe(segmentedAlone(`${c}x`));
      expect(drawsAlone(`x${c}`), c).toBe(segmentedAlone(`x${c}`));
    }
  });

  it('is not a cell that starts with a combining mark, which joins the space before it', () => {
    expect(drawsAlone('\u0301abc…')).toBe(false);
  });
});
