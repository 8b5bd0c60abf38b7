// Rows are derived from the data, once per data change; their lower-cased search texts once per row
// set. A filter keystroke scans those texts; when none holds the filter, the texts fuse.js would
// match are found by fuse's own condition (fuzzy-candidates.ts), and fuse runs only on a query
// that condition cannot take.

import Fuse from 'fuse.js';
import {emptyBigramIndex, indexMore, type BigramIndex} from './bigram-index.js';
import {carriedCache, type Carry} from './carried-cache.js';
import {fuzzyCandidates, narrows} from './fuzzy-candidates.js';
import {PANES} from '../panes/index.js';
import type {PaneId} from '../panes/pane-id.js';
import type {PaneData, Row} from '../panes/pane.js';
import type {UiState, View} from './ui-state.js';

const rowCache = new WeakMap<object, Map<PaneId, readonly Row[]>>();
const filterCache = new WeakMap<readonly Row[], Map<string, readonly Row[]>>();

/** What the panes are drawn from: the store's state, and the rows the side loads read. */
export const paneData = (ui: UiState): PaneData => ({chat: ui.chat, audit: ui.audit, drills: ui.drills});

/** A detail view whose object is no longer in the data (removed here or elsewhere). */
export const detailGone = (ui: UiState, view: View): boolean =>
  view.kind === 'detail' && !PANES[view.pane].detail?.(paneData(ui), view.id);

/** The data a pane's rows come from: the audit rows for Activity, the drills for Drills, ChatState for the rest. */
const sourceOf = (ui: UiState, pane: PaneId): object =>
  pane === 'activity' ? ui.audit : pane === 'drills' ? ui.drills : ui.chat;

/** A pane's rows from the store's state, with the parts of the state (its top-level fields) they read. */
interface Derived {
  readonly rows: readonly Row[];
  readonly reads: ReadonlyMap<PropertyKey, unknown>;
}

const lastDerived = new Map<PaneId, Derived>();

/** The pane's rows, and each top-level field of the state that deriving them read. */
function derive(ui: UiState, pane: PaneId): Derived {
  const reads = new Map<PropertyKey, unknown>();
  const chat = new Proxy(ui.chat, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      reads.set(key, value);
      return value;
    },
  });
  return {rows: PANES[pane].toRows({...paneData(ui), chat}), reads};
}

/**
 * The rows of a pane drawn from the store's state. A commit shares the parts of the state it did not
 * change, so rows whose fields are all the same objects as last time are the same rows: a commit
 * elsewhere to a room does not derive the 50,000 principals again (issue 12: the console stays
 * responsive while another process commits).
 */
function chatRows(ui: UiState, pane: PaneId): readonly Row[] {
  const last = lastDerived.get(pane);
  if (last && [...last.reads].every(([key, value]) => Reflect.get(ui.chat, key) === value)) return last.rows;
  const derived = derive(ui, pane);
  lastDerived.set(pane, derived);
  return derived.rows;
}

/** The pane's rows for the current data. */
export function paneRows(ui: UiState, pane: PaneId): readonly Row[] {
  const source = sourceOf(ui, pane);
  let byPane = rowCache.get(source);
  if (!byPane) {
    byPane = new Map();
    rowCache.set(source, byPane);
  }
  let rows = byPane.get(pane);
  if (!rows) {
    rows = source === ui.chat ? chatRows(ui, pane) : PANES[pane].toRows(paneData(ui));
    byPane.set(pane, rows);
  }
  return rows;
}

const searchText = (row: Row): string => Object.values(row.cells).join('  ');

const FUSE_OPTIONS = {
  threshold: 0.3,
  ignoreLocation: true,
  shouldSort: false,
  isCaseSensitive: false,
} as const;

const textCache = new WeakMap<readonly Row[], readonly string[]>();

const rowTextCache = new WeakMap<Row, string>();

/** A row's lower-cased search text, kept with the row: rows a commit did not change keep theirs. */
function lowerText(row: Row): string {
  let text = rowTextCache.get(row);
  if (text === undefined) {
    text = searchText(row).toLowerCase();
    rowTextCache.set(row, text);
  }
  return text;
}

function lowerTexts(rows: readonly Row[]): readonly string[] {
  let texts = textCache.get(rows);
  if (!texts) {
    texts = rows.map(lowerText);
    textCache.set(rows, texts);
  }
  return texts;
}

const indexCache = new WeakMap<readonly string[], BigramIndex>();

/** Texts indexed per turn: about 15 ms of the principals' 50,000 on the quiet machine. */
const INDEX_SLICE = 4096;

/** Indexes the texts a slice per turn, so that keys typed meanwhile are answered between slices. */
function indexSoon(texts: readonly string[], index: BigramIndex): void {
  setImmediate(() => {
    if (!indexMore(index, texts, INDEX_SLICE)) indexSoon(texts, index);
  }).unref();
}

/**
 * Makes the rows' search texts soon, after the frame being drawn: opening the filter asks for them,
 * and on 50,000 principals they take longer than a keystroke may (issue 12: P4's first keystroke).
 * Their bigram index follows, a slice of texts per turn; a keystroke uses what is built.
 */
export function prepareFilter(rows: readonly Row[]): void {
  setImmediate(() => {
    const texts = lowerTexts(rows);
    if (indexCache.has(texts)) return;
    const index = emptyBigramIndex(texts);
    indexCache.set(texts, index);
    indexSoon(texts, index);
  }).unref();
}

const lastExact = new WeakMap<
  readonly Row[],
  {readonly needle: string; readonly indexes: readonly number[]}
>();

/** Indexes of the texts that contain `needle`; a needle that extends the last one searches only the last one's hits. */
function containing(rows: readonly Row[], texts: readonly string[], needle: string): number[] {
  const last = lastExact.get(rows);
  const from = last && needle.includes(last.needle) ? last.indexes : null;
  const indexes: Iterable<number> = from ?? texts.keys();
  const hits: number[] = [];
  for (const i of indexes) if (texts[i]!.includes(needle)) hits.push(i);
  lastExact.set(rows, {needle, indexes: hits});
  return hits;
}

const lastFuzzy = new WeakMap<
  readonly Row[],
  {readonly query: string; readonly candidates: readonly number[]}
>();

/**
 * fuse's candidates for `text`, in order; null when the query cannot be prefiltered. A query that
 * narrows the last one looks only among the last one's; the texts' bigram index, once built
 * (prepareFilter), rules out the texts that cannot match without reading them.
 */
function candidates(rows: readonly Row[], texts: readonly string[], text: string): readonly number[] | null {
  const last = lastFuzzy.get(rows);
  const among = last && narrows(last.query, text, FUSE_OPTIONS.threshold) ? last.candidates : undefined;
  const found = fuzzyCandidates(texts, text, FUSE_OPTIONS.threshold, among, indexCache.get(texts));
  if (found === null) lastFuzzy.delete(rows);
  else lastFuzzy.set(rows, {query: text, candidates: found});
  return found;
}

/** Case-insensitive substring matches; only when there are none, fuzzy matches (typos, skipped letters). */
function match(rows: readonly Row[], text: string): readonly Row[] {
  const texts = lowerTexts(rows);
  const exact = containing(rows, texts, text.toLowerCase());
  if (exact.length > 0) return exact.map((i) => rows[i]!);
  const found = candidates(rows, texts, text);
  // The candidates are the texts fuse matches, by fuse's own condition, but for blank texts, which
  // fuse skips (fuzzy-candidates.ts): scoring them with fuse again took most of a typo's keystroke
  // (issue 12: P4). The matches are shown in the rows' order, so fuse's scores are not needed.
  if (found !== null) return found.filter((i) => texts[i]!.trim() !== '').map((i) => rows[i]!);
  // fuse lower-cases what it compares, so the lower-cased texts give it the same matches.
  return new Fuse(texts, FUSE_OPTIONS)
    .search(text)
    .map((r) => r.refIndex)
    .sort((a, b) => a - b)
    .map((i) => rows[i]!);
}

/** Rows matching `filter`, in their original order. */
export function filterRows(rows: readonly Row[], filter: string): readonly Row[] {
  const text = filter.trim();
  if (text === '') return rows;
  let byText = filterCache.get(rows);
  if (!byText) {
    byText = new Map();
    filterCache.set(rows, byText);
  }
  const hit = byText.get(text);
  if (hit) return hit;
  const out = match(rows, text);
  if (byText.size > 50) byText.clear();
  byText.set(text, out);
  return out;
}

export const visibleRows = (ui: UiState, pane: PaneId): readonly Row[] =>
  filterRows(paneRows(ui, pane), ui.lists[pane].filter);

const idCache = carriedCache<readonly string[]>();

/** The ids with those of the replaced rows read again. */
const carryIds: Carry<readonly string[]> = (_before, ids, after, replaced) => {
  const next = ids.slice();
  for (const i of replaced) next[i] = (after[i] as Row).id;
  return next;
};

/** The rows' ids, once per row list: a key press reads them, and a list can hold 50,000 rows. */
export const rowIds = (rows: readonly Row[]): readonly string[] =>
  idCache.get(rows, () => rows.map((r) => r.id), carryIds);
