// The pieces a fuzzy query is cut into for the pigeonhole check of fuzzy-candidates.ts: a stretch
// within k edits of the pattern holds one of any k + 1 pieces that cut it, intact (an edit touches
// one piece at most), so any cut serves, and the cut whose pieces the fewest texts hold rules out
// the most.

import {bigramBucket, listLength, type BigramIndex} from './bigram-index.js';

/** For each bigram of the pattern by position, how many indexed texts its list holds. */
export const listedPairs = (index: BigramIndex, pattern: string): number[] =>
  Array.from({length: pattern.length - 1}, (_, i) =>
    listLength(index, bigramBucket(pattern.charCodeAt(i), pattern.charCodeAt(i + 1))),
  );

/** A piece of the pattern and where it starts in the pattern. */
export interface Piece {
  readonly text: string;
  readonly at: number;
}

/** `pattern` cut into `count` pieces of nearly equal length. */
export function evenPieces(pattern: string, count: number): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor((i * pattern.length) / count);
    out.push({text: pattern.slice(at, Math.floor(((i + 1) * pattern.length) / count)), at});
  }
  return out;
}

/**
 * `pattern` cut into `count` pieces of at least two characters each, chosen so that the texts that
 * may hold one of them are fewest: any cut into k + 1 pieces serves the pigeonhole check, and the
 * even cut of `engineerng` (`en`, `gin`, `ee`, `rng`) let through every text holding `en` (issue 12:
 * a typo's keystroke over 50,000 principals). A piece's cost is the shortest list among its bigrams
 * (`listed[i]` for the bigram at i), which bounds the texts that hold it; the cut is the cheapest by
 * dynamic programming over the cut points. Even pieces where the pattern is too short for that.
 */
export function rarePieces(pattern: string, count: number, listed: readonly number[]): Piece[] {
  const m = pattern.length;
  if (m < 2 * count) return evenPieces(pattern, count);
  // cost[p][j]: the cheapest cut of the first j characters into p pieces; from[p][j]: its last cut.
  const cost = Array.from({length: count + 1}, () => new Array<number>(m + 1).fill(Infinity));
  const from = Array.from({length: count + 1}, () => new Array<number>(m + 1).fill(0));
  cost[0]![0] = 0;
  for (let p = 1; p <= count; p++)
    for (let j = 2 * p; j <= m; j++)
      for (let i = j - 2, least = Infinity; i >= 2 * (p - 1); i--) {
        least = Math.min(least, listed[i]!);
        const total = cost[p - 1]![i]! + least;
        if (total < cost[p]![j]!) {
          cost[p]![j] = total;
          from[p]![j] = i;
        }
      }
  const out: Piece[] = [];
  for (let p = count, j = m; p > 0; p--) {
    const i = from[p]![j]!;
    out.unshift({text: pattern.slice(i, j), at: i});
    j = i;
  }
  return out;
}
