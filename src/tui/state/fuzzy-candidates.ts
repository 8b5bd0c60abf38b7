// Which texts fuse.js matches, found cheaply (issue 12: a filter over 50,000 principals): the filter
// takes them as fuse's matches (rows.ts), and test/tui/filter-rows.test.ts checks that they are
// exactly those, blank texts aside. With ignoreLocation, fuse's bitap matches a text when some
// stretch of it is within `k` edits of the pattern, k the most errors whose share of the pattern
// stays within the threshold. Two checks of that same condition, cheapest first: one of k+1 pieces
// of the pattern must appear intact (k edits cannot touch k+1 pieces: fuzzy-pieces.ts), and then
// the edit distance itself, by Myers' bit-parallel algorithm, over the text or the windows around
// the pieces it holds. In front of both, when the texts have a bigram index (bigram-index.ts), the
// texts it can rule out are never read, and the texts a substring search proves are never read.

import {bigramBucket, countBucket, listLength, type BigramIndex} from './bigram-index.js';
import {evenPieces, listedPairs, rarePieces, type Piece} from './fuzzy-pieces.js';

/** fuse's bitap reads 32 pattern characters at a time; longer patterns are not prefiltered. */
const MAX_PATTERN = 32;

/** The most errors fuse's bitap allows a pattern of `length` under `threshold` (errors / length <= threshold). */
export function maxErrors(length: number, threshold: number): number {
  let k = 0;
  while (k + 1 < length && (k + 1) / length <= threshold) k++;
  return k;
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

/**
 * Whether some stretch of `text[from, to)` is within `k` edits of the pattern (Myers 1999, pattern
 * of <= 32 units).
 */
function withinEdits(
  text: string,
  from: number,
  to: number,
  peq: Int32Array,
  length: number,
  k: number,
): boolean {
  const last = 1 << (length - 1);
  let pv = -1;
  let mv = 0;
  let score = length;
  for (let j = from; j < to; j++) {
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

/** Where the windows of one text start, kept sorted; reused from text to text. */
const starts: number[] = [];

/**
 * Whether some stretch of `text` is within `k` edits of the pattern of `m` characters, read only
 * near the pieces it holds. A stretch within k edits holds one of the k + 1 pieces intact; if piece
 * P[a, b) lies at q, the stretch's part before it matches P[0, a) with at most k edits, so it is at
 * most a + k long, and its part after at most m - b + k: the stretch lies inside
 * [q - a - k, q - a + m + k). The edit distance reads those windows, merged where they meet, instead
 * of the whole text (issue 12: most of a typo's keystroke over 50,000 principals was this pass over
 * their 119 characters each).
 */
function nearPieces(text: string, parts: readonly Piece[], peq: Int32Array, m: number, k: number): boolean {
  starts.length = 0;
  for (const {text: piece, at} of parts)
    for (let q = text.indexOf(piece); q !== -1; q = text.indexOf(piece, q + 1)) {
      const start = q - at - k;
      let i = starts.length;
      starts.push(start);
      for (; i > 0 && starts[i - 1]! > start; i--) starts[i] = starts[i - 1]!;
      starts[i] = start;
    }
  if (starts.length === 0) return false;
  const span = m + 2 * k;
  let from = starts[0]!;
  let to = from + span;
  for (let i = 1; i < starts.length; i++) {
    const start = starts[i]!;
    if (start <= to) to = start + span;
    else {
      if (withinEdits(text, Math.max(0, from), Math.min(to, text.length), peq, m, k)) return true;
      from = start;
      to = start + span;
    }
  }
  return withinEdits(text, Math.max(0, from), Math.min(to, text.length), peq, m, k);
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
 * Clears the mark of each indexed text that holds none of `parts` by the index: a text that holds
 * a piece holds each of its bigrams, so the one whose list is shortest is looked up. Pieces of one
 * character are not indexed: then every text may hold one, and the marks stay.
 */
export function markHolders(index: BigramIndex, parts: readonly Piece[], marks: Uint8Array): void {
  if (parts.some((p) => p.text.length < 2)) return;
  const held = new Uint8Array(index.size);
  for (const {text} of parts) {
    let rarest = -1;
    let fewest = Infinity;
    for (let i = 1; i < text.length; i++) {
      const bucket = bigramBucket(text.charCodeAt(i - 1), text.charCodeAt(i));
      const n = listLength(index, bucket);
      if (n < fewest) [rarest, fewest] = [bucket, n];
    }
    countBucket(index, rarest, held);
  }
  for (let i = 0; i < index.covered; i++) if (held[i] === 0) marks[i] = 0;
}

/** The texts (by index) that hold `needle` as it is: what a substring search found. */
export interface Found {
  readonly needle: string;
  readonly indexes: readonly number[];
}

/**
 * Marks on the texts `found` proves to match without reading them: a text holding a stretch of the
 * pattern that is at most k characters shorter than it holds a stretch k edits away from the
 * pattern (the pattern's other characters deleted). Typing on past a found text, as `engineer` to
 * `engineerng`, finds the same texts again (issue 12: a typo's keystroke over 50,000 principals).
 */
function provenMatches(
  found: Found | undefined,
  pattern: string,
  k: number,
  size: number,
): Uint8Array | null {
  const needle = found?.needle.toLowerCase() ?? '';
  if (!found || needle === '' || !pattern.includes(needle) || pattern.length - needle.length > k) return null;
  const proven = new Uint8Array(size);
  for (const i of found.indexes) proven[i] = 1;
  return proven;
}

/**
 * Indexes of the texts (lower-cased, as fuse compares them) that fuse matches for `query` at
 * `threshold`, in order, blank texts too (fuse skips those); null when the query is blank or too
 * long to prefilter, so every text is a candidate. `among`: look only at these (see narrows).
 * `index`: the texts' bigram index, whole or part built; without it every text is read. `found`:
 * the texts a substring search found, taken as matches without reading them where that proves it.
 */
export function fuzzyCandidates(
  texts: readonly string[],
  query: string,
  threshold: number,
  among?: readonly number[],
  index?: BigramIndex,
  found?: Found,
): number[] | null {
  const pattern = query.toLowerCase();
  // fuse returns every text for a blank query.
  if (pattern.trim() === '' || pattern.length > MAX_PATTERN) return null;
  const m = pattern.length;
  const k = maxErrors(m, threshold);
  const parts = index ? rarePieces(pattern, k + 1, listedPairs(index, pattern)) : evenPieces(pattern, k + 1);
  const peq = positions(pattern);
  // A few of the last query's candidates are read sooner than the index's lists are counted.
  const marks =
    index && (among?.length ?? Infinity) > index.size / 8 ? indexedCandidates(index, pattern, k) : null;
  if (marks && index) markHolders(index, parts, marks);
  const proven = provenMatches(found, pattern, k, texts.length);
  const covered = index?.covered ?? 0;
  const out: number[] = [];
  const count = among?.length ?? texts.length;
  // Counted loops: an iterator over 50,000 texts cost more than the checks of most of them.
  for (let n = 0; n < count; n++) {
    const i = among ? among[n]! : n;
    if (proven && proven[i] === 1) out.push(i);
    else if (marks && marks[i] === 0) continue;
    // An indexed text left marked is read whole (markHolders ruled out those that hold no piece);
    // the others only near the pieces they hold.
    else if (
      i < covered && marks
        ? withinEdits(texts[i]!, 0, texts[i]!.length, peq, m, k)
        : nearPieces(texts[i]!, parts, peq, m, k)
    )
      out.push(i);
  }
  return out;
}
