// The search texts of a row list and their bigram index, made after the frame that opens the
// filter (a long list's after the frame that shows its pane), in turns of a few milliseconds: on
// 50,000 principals the texts and the index take far longer than a keystroke may (issue 12: P4).
// Each turn lets the keys typed meanwhile in, and a key that needs the texts before they are all
// made makes the rest; the index a key finds part built covers the texts it lists, and the others
// are read.

import {performance} from 'node:perf_hooks';
import {emptyBigramIndex, indexMore, indexUntil, type BigramIndex} from './bigram-index.js';
import type {Row} from '../panes/pane.js';

/**
 * The most a turn works before it lets keys in. Keys typed while the texts are being made wait up
 * to this long; the texts were made before on an unref'd immediate, which the loop ran only when a
 * key woke it, inside the keystroke, and the index a slice (up to 19 ms) at each waking.
 */
const TURN_MS = 3;

/**
 * A row's lower-cased search text: its cells, two spaces apart. Put together by concatenation: an
 * array of the cells and its join for each of 50,000 rows cost more than the texts themselves.
 */
function lowerText(row: Row): string {
  let text = '';
  let first = true;
  for (const key in row.cells) {
    text = first ? row.cells[key]! : `${text}  ${row.cells[key]!}`;
    first = false;
  }
  return text.toLowerCase();
}

const textCache = new WeakMap<readonly Row[], readonly string[]>();
/** Texts begun in turns and not finished yet. */
const partTexts = new WeakMap<readonly Row[], string[]>();

/** Lists whose texts are all made, newest first, to take texts from. */
const RECENT = 4;
const recent: {readonly rows: readonly Row[]; readonly texts: readonly string[]}[] = [];

/**
 * The list a new one takes its texts from: a list made again after a commit (the rooms) keeps the
 * rows it did not change at their places, and a row's text is its own. Kept per list, not per row: a
 * WeakMap entry for each of 50,000 rows cost a third of making their texts (issue 12: P4).
 */
const sourceFor = (rows: readonly Row[]): (typeof recent)[number] | undefined =>
  rows.length === 0 ? undefined : recent.find((r) => r.rows[0] === rows[0]);

/** Makes the rows' texts until all are made (true) or `due` says the turn is over. */
function textsUntil(rows: readonly Row[], due: () => boolean): boolean {
  if (textCache.has(rows)) return true;
  let texts = partTexts.get(rows);
  if (!texts) {
    texts = [];
    partTexts.set(rows, texts);
  }
  const from = sourceFor(rows);
  while (texts.length < rows.length) {
    const n = texts.length;
    texts.push(from && from.rows[n] === rows[n] ? from.texts[n]! : lowerText(rows[n]!));
    if ((texts.length & 255) === 0 && texts.length < rows.length && due()) return false;
  }
  textCache.set(rows, texts);
  partTexts.delete(rows);
  recent.unshift({rows, texts});
  recent.length = Math.min(recent.length, RECENT);
  return true;
}

/** The rows' lower-cased search texts, the rest of them made now if a turn has not. */
export function lowerTexts(rows: readonly Row[]): readonly string[] {
  textsUntil(rows, () => false);
  return textCache.get(rows)!;
}

const indexCache = new WeakMap<readonly string[], BigramIndex>();

/** The texts' bigram index as far as it is built; none before the texts are all made. */
export const textIndex = (texts: readonly string[]): BigramIndex | undefined => indexCache.get(texts);

/**
 * Lists this long are prepared in turns as soon as the filter opens. A shorter one (10,000 rooms:
 * about 50 ms in all) is prepared as before: its texts when the loop next wakes, usually with the
 * first key, and its index a slice at each waking after. Its turns put that work in front of the
 * first keys where the loop had been left idle (P4 over the rooms, measured with and without).
 */
const TURNS_FROM = 20_000;

/** Texts a slice of a shorter list's index holds: about 15 ms of them on the quiet machine. */
const WAKING_SLICE = 4096;

/** The list being prepared: opening the filter on another list leaves the last one where it is. */
let preparing: readonly Row[] | null = null;

function indexFor(texts: readonly string[]): BigramIndex {
  let index = indexCache.get(texts);
  if (!index) {
    index = emptyBigramIndex(texts);
    indexCache.set(texts, index);
  }
  return index;
}

/** A shorter list: its index a slice each time something else wakes the loop (unref'd). */
function prepareOnWaking(rows: readonly Row[]): void {
  const slice = (texts: readonly string[], index: BigramIndex): void => {
    setImmediate(() => {
      if (!indexMore(index, texts, WAKING_SLICE)) slice(texts, index);
    }).unref();
  };
  setImmediate(() => {
    const texts = lowerTexts(rows);
    if (!indexCache.has(texts)) slice(texts, indexFor(texts));
  }).unref();
}

/**
 * Makes the rows' search texts and then their bigram index after the frame being drawn, in turns
 * of at most TURN_MS (shorter lists: prepareOnWaking); a keystroke uses what is made.
 */
export function prepareFilter(rows: readonly Row[]): void {
  if (rows.length < TURNS_FROM) return prepareOnWaking(rows);
  if (preparing === rows) return;
  preparing = rows;
  const turn = (): void => {
    if (preparing !== rows) return;
    const end = performance.now() + TURN_MS;
    const due = (): boolean => performance.now() >= end;
    if (!textsUntil(rows, due)) return void setImmediate(turn);
    const texts = textCache.get(rows)!;
    if (!indexUntil(indexFor(texts), texts, due)) return void setImmediate(turn);
    preparing = null;
  };
  setImmediate(turn);
}

/**
 * Prepares a long list's filter as soon as its pane is shown, not only when `/` opens it: on 50,000
 * principals the texts and their index take 150-250 ms of CPU, more than the pauses before the
 * first keys, whose frames waited for the rest of the texts and carried the index's turns (issue 12:
 * P4). A shorter list is prepared when the filter opens, as before.
 */
export function prepareLongList(rows: readonly Row[]): void {
  if (rows.length >= TURNS_FROM) prepareFilter(rows);
}
