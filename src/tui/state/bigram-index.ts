// Which texts hold each pair of adjacent characters, so that a filter keystroke with a typo looks at
// the texts that can match instead of all of them (issue 12: a typo's keystroke over 50,000
// principals scanned every search text). Built after the frame that opens the filter, in turns of a
// few milliseconds (rows.ts): on 50,000 principals the whole index takes longer than a keystroke
// may, and a key typed meanwhile waits for one turn at most, with the texts not yet indexed read as
// before.
//
// Pairs are kept by the low bytes of their two UTF-16 units: pairs of Latin-1 characters each have
// their own list; other pairs may share one. A shared list holds every text of each pair it stands
// for, so looking a pair up never misses a text, it can only offer more.

const BUCKETS = 1 << 16;

/** The list a pair of adjacent UTF-16 units is kept in. */
export const bigramBucket = (first: number, second: number): number =>
  ((first & 0xff) << 8) | (second & 0xff);

/** One slice of the texts: bucket b's positions are positions[start[b]] up to positions[start[b + 1]]. */
interface Slice {
  readonly start: Int32Array;
  readonly positions: Int32Array;
}

/** The index of the first `covered` texts of `size`; indexMore adds to it. */
export interface BigramIndex {
  readonly size: number;
  covered: number;
  readonly slices: Slice[];
}

export const emptyBigramIndex = (texts: readonly string[]): BigramIndex => ({
  size: texts.length,
  covered: 0,
  slices: [],
});

/** Texts read between two pauses of indexSlice. */
const TEXTS_PER_STEP = 256;

/** Adds texts [from, to) to the count of each bucket they hold a pair of, start[b + 1]. */
function countPairs(texts: readonly string[], from: number, to: number, seen: Int32Array, start: Int32Array) {
  for (let i = from; i < to; i++) {
    const text = texts[i]!;
    for (let j = 1; j < text.length; j++) {
      const b = bigramBucket(text.charCodeAt(j - 1), text.charCodeAt(j));
      if (seen[b] !== i + 1) {
        seen[b] = i + 1;
        start[b + 1]!++;
      }
    }
  }
}

/** Makes the counts where each bucket's list starts. */
function sumCounts(start: Int32Array): void {
  for (let b = 0; b < BUCKETS; b++) start[b + 1]! += start[b]!;
}

/** Puts texts [from, to) in the lists of the buckets they hold a pair of. */
function placePairs(
  texts: readonly string[],
  from: number,
  to: number,
  seen: Int32Array,
  next: Int32Array,
  positions: Int32Array,
) {
  // This pass marks with -(position + 1), which the first pass never wrote.
  for (let i = from; i < to; i++) {
    const text = texts[i]!;
    for (let j = 1; j < text.length; j++) {
      const b = bigramBucket(text.charCodeAt(j - 1), text.charCodeAt(j));
      if (seen[b] !== -(i + 1)) {
        seen[b] = -(i + 1);
        positions[next[b]!++] = i;
      }
    }
  }
}

/**
 * Indexes up to `count` more of the texts as one slice, pausing (yielding) after every few hundred
 * texts of each of its two passes, so that a caller can spread the work over turns of the event
 * loop; the slice is added to the index when both passes are done, never in part. Returns whether
 * all the texts are then indexed. Nothing else may add to the index while this one is paused.
 */
export function* indexSlice(
  index: BigramIndex,
  texts: readonly string[],
  count: number,
): Generator<void, boolean> {
  const from = index.covered;
  const to = Math.min(texts.length, from + count);
  // seen[b] is the last text (position + 1) put in bucket b, so that a text is in a list once.
  const seen = new Int32Array(BUCKETS);
  const start = new Int32Array(BUCKETS + 1);
  // Counted first, so that the positions fit in one array.
  for (let i = from; i < to; i += TEXTS_PER_STEP) {
    countPairs(texts, i, Math.min(to, i + TEXTS_PER_STEP), seen, start);
    yield;
  }
  sumCounts(start);
  const positions = new Int32Array(start[BUCKETS]!);
  const next = start.slice(0, BUCKETS);
  for (let i = from; i < to; i += TEXTS_PER_STEP) {
    placePairs(texts, i, Math.min(to, i + TEXTS_PER_STEP), seen, next, positions);
    yield;
  }
  index.slices.push({start, positions});
  index.covered = to;
  return to === texts.length;
}

/** Indexes up to `count` more of the texts at once; whether all of them are now indexed. */
export function indexMore(index: BigramIndex, texts: readonly string[], count: number): boolean {
  const steps = indexSlice(index, texts, count);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Adds one to the count of every indexed text in the bucket's lists. */
export function countBucket(index: BigramIndex, bucket: number, counts: Uint8Array): void {
  for (const {start, positions} of index.slices) {
    const end = start[bucket + 1]!;
    for (let p = start[bucket]!; p < end; p++) counts[positions[p]!]!++;
  }
}
