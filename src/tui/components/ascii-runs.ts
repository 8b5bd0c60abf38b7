// Ink measures every text of every frame with string-width, whose fast path takes printable ASCII
// only: one other character anywhere sends the whole text through grapheme segmentation and the
// emoji tests. A list row on L is ASCII but for an ellipsis or two, so a line is drawn as runs, its
// ASCII stretches (measured on the fast path) and the graphemes between them, each a short text of
// its own (issue 12: keypress to frame).

import stringWidth from 'string-width';
import type {Line, Segment} from './segments.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'});

interface Piece {
  readonly text: string;
  readonly ascii: boolean;
}

const piecesCache = new Map<string, readonly Piece[] | null>();

/**
 * `text` as stretches of printable ASCII and of other graphemes, in order; null when a grapheme is
 * zero columns wide, which Ink places differently alone than within its text.
 */
function piecesOf(text: string): readonly Piece[] | null {
  if (piecesCache.has(text)) return piecesCache.get(text)!;
  const pieces: Piece[] = [];
  let zeroWidth = false;
  for (const {segment} of segmenter.segment(text)) {
    const ascii = PRINTABLE_ASCII.test(segment);
    if (!ascii && stringWidth(segment) === 0) zeroWidth = true;
    const last = pieces.at(-1);
    if (last?.ascii === ascii) pieces[pieces.length - 1] = {text: last.text + segment, ascii};
    else pieces.push({text: segment, ascii});
  }
  // Bounded, since filter and prompt text make new strings; list rows repeat from frame to frame.
  if (piecesCache.size >= 4096) piecesCache.clear();
  const result = zeroWidth ? null : pieces;
  piecesCache.set(text, result);
  return result;
}

/** The line cut into runs that are each all printable ASCII or all other graphemes; one run when it cannot be cut. */
export function asciiRuns(line: Line): Line[] {
  const runs: Segment[][] = [];
  let ascii: Segment[] = [];
  for (const segment of line) {
    if (PRINTABLE_ASCII.test(segment.text)) {
      ascii.push(segment);
      continue;
    }
    const pieces = piecesOf(segment.text);
    if (pieces === null) return [line];
    for (const piece of pieces) {
      const part = {...segment, text: piece.text};
      if (piece.ascii) ascii.push(part);
      else {
        if (ascii.length > 0) runs.push(ascii);
        runs.push([part]);
        ascii = [];
      }
    }
  }
  if (ascii.length > 0) runs.push(ascii);
  return runs;
}
