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

const NOT_ASCII = /[^\x20-\x7e]+/g;

/**
 * The stretches of `text` the segmenter must cut: each run of other characters than printable
 * ASCII with one character on either side. Two printable ASCII characters are always two graphemes,
 * so only a neighbour can join such a run (a letter and the combining mark after it, a prepended
 * mark and the letter after it), and a row with one ellipsis is segmented over three characters,
 * not its whole width (issue 12: a page of new rows).
 */
function stretchesToSegment(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(NOT_ASCII)) {
    const start = Math.max(0, m.index - 1);
    const end = Math.min(text.length, m.index + m[0].length + 1);
    const last = out.at(-1);
    if (last && start <= last[1]) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

/**
 * `text` as stretches of printable ASCII and of other graphemes, in order; null when a grapheme is
 * zero columns wide, which Ink places differently alone than within its text.
 */
function piecesOf(text: string): readonly Piece[] | null {
  if (piecesCache.has(text)) return piecesCache.get(text)!;
  const pieces: Piece[] = [];
  let zeroWidth = false;
  const add = (piece: string, ascii: boolean): void => {
    const last = pieces.at(-1);
    if (last?.ascii === ascii) pieces[pieces.length - 1] = {text: last.text + piece, ascii};
    else pieces.push({text: piece, ascii});
  };
  let at = 0;
  for (const [start, end] of stretchesToSegment(text)) {
    if (start > at) add(text.slice(at, start), true);
    for (const {segment} of segmenter.segment(text.slice(start, end))) {
      const ascii = PRINTABLE_ASCII.test(segment);
      if (!ascii && stringWidth(segment) === 0) zeroWidth = true;
      add(segment, ascii);
    }
    at = end;
  }
  if (at < text.length) add(text.slice(at), true);
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
