// Which texts fuse.js matches, found cheaply (issue 12: a filter over 50,000 principals): the filter
// takes them as fuse's matches (rows.ts), and test/tui/filter-rows.test.ts checks that they are
// exactly those, blank texts aside. With ignoreLocation, fuse's bitap matches a text when some
// stretch of it is within `k` edits of the pattern, k the most errors whose share of the pattern
// stays within the threshold. Two checks of that same condition, cheapest first: one of k+1 pieces
// of the pattern must appear intact (k edits cannot touch k+1 pieces), and then the edit distance
// itself, by Myers' bit-parallel algorithm, one pass over the text. In front of both, when the
// texts have a bigram index (bigram-index.ts), the texts it can rule out are never read.

import {bigramBucket, countBucket, type BigramIndex} from './bigram-index.js';

/** fuse's bitap reads 32 pattern characters at a time; longer patterns are not prefiltered. */
const MAX_PATTERN = 32;

/** The most errors fuse's bitap allows a pattern of `length` under `threshold` (errors / length <= threshold). */
export function maxErrors(length: number, threshold: number): number {
  let k = 0;
  while (k + 1 < length && (k + 1) / length <= threshold) k++;
  return k;
}

/** `pattern` cut into `count` pieces of nearly equal length. */
function pieces(pattern: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(
      pattern.slice(Math.floor((i * pattern.length) / count), Math.floor(((i + 1) * pattern.length) / count)),
    );
  return out;
}

/**
 * For each UTF-16 unit of the pattern, the bit of each position it holds, indexed by the unit: one
 * array read per character of a text, where a map of one-character strings cost a string and a hash
 * (issue 12: a typo's keystroke over 50,000 principals runs this over most of them).
 */
function positions(pattern: string): Int32Array {
  const peq = new Int32Array(0x10000);
  for (let i = 0; i < pattern.length; i++) {
    const unit = pattern.charCodeAt(i);
    peq[unit] = (peq[unit] ?? 0) | (1 << i);
  }
  return peq;
}

/** Whether some stretch of `text` is within `k` edits of the pattern (Myers 1999, pattern of <= 32 units). */
function withinEdits(text: string, peq: Int32Array, length: number, k: number): boolean {
  const last = 1 << (length - 1);
  let pv = -1;
  let mv = 0;
  let score = length;
  for (let j = 0; j < text.length; j++) {
    const eq = peq[text.charCodeAt(j)]!;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    if (score <= k) return true;
    // A match may start anywhere in the text: the top row stays zero, so nothing is shifted in.
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return false;
}

/**
 * Whether every candidate of `query` is a candidate of `previous`, so that a keystroke can search
 * the last one's candidates alone: `query` holds `previous` intact and allows no more errors. A
 * stretch within k edits of `query` holds one within k edits of any piece of it, `previous` too.
 */
export function narrows(previous: string, query: string, threshold: number): boolean {
  const before = previous.toLowerCase();
  const after = query.toLowerCase();
  return (
    before.trim() !== '' &&
    after.length <= MAX_PATTERN &&
    after.includes(before) &&
    maxErrors(after.length, threshold) === maxErrors(before.length, threshold)
  );
}

/**
 * The q-gram lemma for this error model, q = 2. Take a stretch within k edits (a character
 * substituted, deleted or inserted, each one edit) of a pattern of m characters, and the pattern's
 * m - 1 bigrams by position. Substituting or deleting the pattern's character i spoils at most the
 * two bigrams that hold it (i - 1 and i); inserting between characters i and i + 1 spoils one
 * (bigram i). Every other bigram is in the stretch as it is, so the text holds the bigrams of at
 * least m - 1 - 2k of the pattern's positions. With q = 3 the bound is m - 2 - 3k: nothing at
 * fuse's 0.3 for most short patterns (7 letters allow 2 errors: -1); with bigrams it is m - 1 - 2k,
 * at least 1 for every pattern at that threshold. Where it gives nothing (m - 1 - 2k < 1), null:
 * every text is a candidate. Else a mark (1) on each text that holds enough of the bigrams of the
 * lower-cased `pattern`, counted by position (a bigram twice in the pattern counts twice), and on
 * each text the index does not cover yet.
 */
export function indexedCandidates(index: BigramIndex, pattern: string, k: number): Uint8Array | null {
  const least = pattern.length - 1 - 2 * k;
  if (least < 1) return null;
  const counts = new Uint8Array(index.size);
  for (let i = 1; i < pattern.length; i++)
    countBucket(index, bigramBucket(pattern.charCodeAt(i - 1), pattern.charCodeAt(i)), counts);
  for (let i = 0; i < index.covered; i++) counts[i] = counts[i]! >= least ? 1 : 0;
  // Texts not yet indexed are read as before.
  counts.fill(1, index.covered);
  return counts;
}

/**
 * Indexes of the texts (lower-cased, as fuse compares them) that fuse matches for `query` at
 * `threshold`, in order, blank texts too (fuse skips those); null when the query is blank or too
 * long to prefilter, so every text is a candidate. `among`: look only at these (see narrows).
 * `index`: the texts' bigram index, whole or part built; without it every text is read.
 */
export function fuzzyCandidates(
  texts: readonly string[],
  query: string,
  threshold: number,
  among?: readonly number[],
  index?: BigramIndex,
): number[] | null {
  const pattern = query.toLowerCase();
  // fuse returns every text for a blank query.
  if (pattern.trim() === '' || pattern.length > MAX_PATTERN) return null;
  const k = maxErrors(pattern.length, threshold);
  const parts = pieces(pattern, k + 1);
  const peq = positions(pattern);
  // A few of the last query's candidates are read sooner than the index's lists are counted.
  const marks =
    index && (among?.length ?? Infinity) > index.size / 8 ? indexedCandidates(index, pattern, k) : null;
  const out: number[] = [];
  for (const i of among ?? texts.keys()) {
    if (marks && marks[i] === 0) continue;
    const text = texts[i]!;
    if (parts.some((p) => text.includes(p)) && withinEdits(text, peq, pattern.length, k)) out.push(i);
  }
  return out;
}
