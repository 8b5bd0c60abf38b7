// Which texts hold each pair of adjacent characters, so that a filter keystroke with a typo looks at
// the texts that can match instead of all of them (issue 12: a typo's keystroke over 50,000
// principals scanned every search text). Built after the frame that opens the filter, a slice of
// the texts per turn (rows.ts): on 50,000 principals the whole index takes longer than a keystroke
// may, and a key typed meanwhile is answered between two slices, with the texts not yet indexed
// read as before.
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

/** Indexes up to `count` more of the texts; whether all of them are now indexed. */
export function indexMore(index: BigramIndex, texts: readonly string[], count: number): boolean {
  const from = index.covered;
  const to = Math.min(texts.length, from + count);
  // seen[b] is the last text (position + 1) put in bucket b, so that a text is in a list once.
  const seen = new Int32Array(BUCKETS);
  const start = new Int32Array(BUCKETS + 1);
  // Counted first, so that the positions fit in one array.
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
  for (let b = 0; b < BUCKETS; b++) start[b + 1]! += start[b]!;
  const positions = new Int32Array(start[BUCKETS]!);
  const next = start.slice(0, BUCKETS);
  // The second pass marks with -(position + 1), which the first pass never wrote.
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
  index.slices.push({start, positions});
  index.covered = to;
  return to === texts.length;
}

/** Adds one to the count of every indexed text in the bucket's lists. */
export function countBucket(index: BigramIndex, bucket: number, counts: Uint8Array): void {
  for (const {start, positions} of index.slices) {
    const end = start[bucket + 1]!;
    for (let p = start[bucket]!; p < end; p++) counts[positions[p]!]!++;
  }
}
