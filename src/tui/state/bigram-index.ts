// Which texts hold each pair of adjacent characters, so that a filter keystroke with a typo looks at
// the texts that can match instead of all of them (issue 12: a typo's keystroke over 50,000
// principals scanned every search text). Built after the frame that opens the filter, in turns
// bounded by time (rows.ts): on 50,000 principals the whole index takes longer than a keystroke
// may, and a key typed meanwhile is answered between two turns, with the texts not yet indexed
// read as before. A slice of texts is indexed in two passes (count, then fill), either of which a
// turn may leave part done for the next.
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

/** A slice being indexed: texts [from, to), the next one to read at `at`, counted first, then filled. */
interface Pending {
  readonly from: number;
  readonly to: number;
  at: number;
  /** seen[b] is the last text (position + 1) put in bucket b, so that a text is in a list once; the fill marks with -(position + 1). */
  readonly seen: Int32Array;
  readonly start: Int32Array;
  /** Null while counting. */
  fill: {readonly positions: Int32Array; readonly next: Int32Array} | null;
}

/** The index of the first `covered` texts of `size`; indexMore and indexUntil add to it. */
export interface BigramIndex {
  readonly size: number;
  covered: number;
  readonly slices: Slice[];
  pending: Pending | null;
}

export const emptyBigramIndex = (texts: readonly string[]): BigramIndex => ({
  size: texts.length,
  covered: 0,
  slices: [],
  pending: null,
});

/** Texts a slice holds when built in turns: each slice has a bucket table of its own (256 KiB). */
const SLICE = 4096;

function begin(index: BigramIndex, count: number): Pending {
  const from = index.covered;
  return {
    from,
    to: Math.min(index.size, from + count),
    at: from,
    seen: new Int32Array(BUCKETS),
    start: new Int32Array(BUCKETS + 1),
    fill: null,
  };
}

// The two passes read each unit of a text once, the last one carried to the next pair: 6 million
// characters of 50,000 principals pass through each.

/** Counts text i's pairs. */
function countText(job: Pending, text: string, i: number): void {
  const {seen, start} = job;
  const mark = i + 1;
  let last = text.charCodeAt(0);
  for (let j = 1; j < text.length; j++) {
    const unit = text.charCodeAt(j);
    const b = bigramBucket(last, unit);
    last = unit;
    if (seen[b] !== mark) {
      seen[b] = mark;
      start[b + 1]!++;
    }
  }
}

/** Puts text i in the list of each pair it holds. */
function fillText(job: Pending, text: string, i: number): void {
  const {seen} = job;
  const {positions, next} = job.fill!;
  const mark = -(i + 1);
  let last = text.charCodeAt(0);
  for (let j = 1; j < text.length; j++) {
    const unit = text.charCodeAt(j);
    const b = bigramBucket(last, unit);
    last = unit;
    if (seen[b] !== mark) {
      seen[b] = mark;
      positions[next[b]!++] = i;
    }
  }
}

/** Goes on with the slice being indexed until it is done (true) or `due` says the turn is over. */
function work(index: BigramIndex, texts: readonly string[], job: Pending, due: () => boolean): boolean {
  for (;;) {
    while (job.at < job.to) {
      const i = job.at++;
      if (job.fill) fillText(job, texts[i]!, i);
      else countText(job, texts[i]!, i);
      if ((job.at & 63) === 0 && job.at < job.to && due()) return false;
    }
    if (job.fill) break;
    // Counted: the positions fit in one array.
    const {start} = job;
    for (let b = 0; b < BUCKETS; b++) start[b + 1]! += start[b]!;
    job.fill = {positions: new Int32Array(start[BUCKETS]!), next: start.slice(0, BUCKETS)};
    job.at = job.from;
  }
  index.slices.push({start: job.start, positions: job.fill.positions});
  index.covered = job.to;
  index.pending = null;
  return true;
}

/** Indexes up to `count` more of the texts (after a slice a turn left part done); whether all of them are now indexed. */
export function indexMore(index: BigramIndex, texts: readonly string[], count: number): boolean {
  if (index.covered < index.size) work(index, texts, (index.pending ??= begin(index, count)), () => false);
  return index.covered === index.size;
}

/** Indexes the texts until all are (true) or `due` says the turn is over. */
export function indexUntil(index: BigramIndex, texts: readonly string[], due: () => boolean): boolean {
  while (index.covered < index.size)
    if (!work(index, texts, (index.pending ??= begin(index, SLICE)), due)) return false;
  return true;
}

/** Adds one to the count of every indexed text in the bucket's lists. */
export function countBucket(index: BigramIndex, bucket: number, counts: Uint8Array): void {
  for (const {start, positions} of index.slices) {
    const end = start[bucket + 1]!;
    for (let p = start[bucket]!; p < end; p++) counts[positions[p]!]!++;
  }
}

/** How many indexed texts the bucket's lists hold: at least as many as hold any one pair it stands for. */
export function listLength(index: BigramIndex, bucket: number): number {
  let n = 0;
  for (const {start} of index.slices) n += start[bucket + 1]! - start[bucket]!;
  return n;
}

/**
 * The texts that may hold `needle` (two units or more), in order: those in the list of its rarest
 * pair, then every text not indexed yet; null when they are `fewerThan` or more. A superset: the
 * caller reads each.
 */
export function mayHold(index: BigramIndex, needle: string, fewerThan = Infinity): number[] | null {
  let rarest = 0;
  let fewest = Infinity;
  for (let j = 1; j < needle.length; j++) {
    const bucket = bigramBucket(needle.charCodeAt(j - 1), needle.charCodeAt(j));
    const n = listLength(index, bucket);
    if (n < fewest) [rarest, fewest] = [bucket, n];
  }
  if (fewest + index.size - index.covered >= fewerThan) return null;
  const out: number[] = [];
  for (const {start, positions} of index.slices)
    for (let p = start[rarest]!, end = start[rarest + 1]!; p < end; p++) out.push(positions[p]!);
  for (let i = index.covered; i < index.size; i++) out.push(i);
  return out;
}
