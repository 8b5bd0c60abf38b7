// A table cell drawn on its own, at its column, must show what the same cell shows inside its
// whole row. Ink cuts each text it draws into graphemes and gives each at least one column, so a
// cell is drawn alone only when (1) no character joins the space of the gap before or after it (a
// combining or spacing mark at its start, a prepended mark at its end), which would make one
// grapheme in the row and two in the cell, and (2) none of its graphemes is zero columns wide, which
// Ink draws one column wide and so moves the rest of the row but not the cells after it (issue 12:
// a table drawn by columns).

import stringWidth from 'string-width';
import {PLAIN} from '../frame-output.js';

const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'});

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const kept = new Map<string, boolean>();

function alone(text: string): boolean {
  const graphemes = [...segmenter.segment(` ${text} `)].map((s) => s.segment);
  if (graphemes[0] !== ' ' || graphemes.at(-1) !== ' ') return false;
  return graphemes.every((g) => PRINTABLE_ASCII.test(g) || stringWidth(g) > 0);
}

/**
 * True when `text` drawn alone shows what it shows between the spaces of its row. A plain text
 * (frame-output.ts: each character a grapheme of its own one column wide, and none a mark that
 * joins a space) is not segmented: every cut cell ends in an ellipsis, and each new row of a filter
 * key's frame had its cut cells segmented here (issue 12: P4).
 */
export function drawsAlone(text: string): boolean {
  if (PLAIN.test(text)) return true;
  let result = kept.get(text);
  if (result === undefined) {
    result = alone(text);
    // Bounded, since cells come from the data and the data can be large.
    if (kept.size >= 4096) kept.clear();
    kept.set(text, result);
  }
  return result;
}
