// Rows are derived from the data, once per data change; their lower-cased search texts once per row
// set. A filter keystroke scans those texts; when none holds the filter, the texts fuse.js would
// match are found by fuse's own condition (fuzzy-candidates.ts), and fuse runs only on a query
// that condition cannot take.

import Fuse from 'fuse.js';
import {mayHold} from './bigram-index.js';
import {lowerTexts, textIndex} from './filter-texts.js';
import {carriedCache, type Carry} from './carried-cache.js';
import {fuzzyCandidates, narrows, type Found} from './fuzzy-candidates.js';
import {PANES} from '../panes/index.js';
import type {PaneId} from '../panes/pane-id.js';
import type {PaneData, Row} from '../panes/pane.js';
import type {UiState, View} from './ui-state.js';
import type {Ids} from '../table/list-window.js';

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

const FUSE_OPTIONS = {
  threshold: 0.3,
  ignoreLocation: true,
  shouldSort: false,
  isCaseSensitive: false,
} as const;

const lastExact = new WeakMap<
  readonly Row[],
  {readonly needle: string; readonly indexes: readonly number[]}
>();

/** The last substring search that found texts: a typo typed after it may be proven by it. */
const lastFound = new WeakMap<readonly Row[], Found>();

/**
 * Indexes of the texts that contain `needle`, or null when every text does. A needle that extends
 * the last one searches only the last one's hits; once the texts are indexed, only those that hold
 * the needle's rarest pair, when they are fewer (issue 12: the first keystrokes of a filter over
 * 50,000 principals read every text).
 */
function containing(rows: readonly Row[], texts: readonly string[], needle: string): number[] | null {
  const index = textIndex(texts);
  const last = lastExact.get(rows);
  let from = last && needle.includes(last.needle) ? last.indexes : null;
  if (index && needle.length > 1) from = mayHold(index, needle, from?.length) ?? from;
  const hits: number[] = [];
  if (from)
    for (let n = 0; n < from.length; n++) {
      const i = from[n]!;
      if (texts[i]!.includes(needle)) hits.push(i);
    }
  else for (let i = 0; i < texts.length; i++) if (texts[i]!.includes(needle)) hits.push(i);
  lastExact.set(rows, {needle, indexes: hits});
  if (hits.length > 0) lastFound.set(rows, {needle, indexes: hits});
  return hits.length === texts.length ? null : hits;
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
  const found = fuzzyCandidates(
    texts,
    text,
    FUSE_OPTIONS.threshold,
    among,
    textIndex(texts),
    lastFound.get(rows),
  );
  if (found === null) lastFuzzy.delete(rows);
  else lastFuzzy.set(rows, {query: text, candidates: found});
  return found;
}

/** A filtered list's rows by their positions in the whole list, ascending. */
const filteredFrom = new WeakMap<
  readonly Row[],
  {readonly rows: readonly Row[]; readonly positions: readonly number[]}
>();

/** The rows at `positions` (ascending) of `rows`, which rowIds reads without copying their ids. */
function rowsAt(rows: readonly Row[], positions: readonly number[]): readonly Row[] {
  const out = positions.map((i) => rows[i]!);
  filteredFrom.set(out, {rows, positions});
  return out;
}

/** The positions in `rows` of the matches of `text`, ascending; null when every row matches. */
function matchPositions(rows: readonly Row[], text: string): readonly number[] | null {
  const texts = lowerTexts(rows);
  const exact = containing(rows, texts, text.toLowerCase());
  if (exact === null || exact.length > 0) return exact;
  const found = candidates(rows, texts, text);
  // The candidates are the texts fuse matches, by fuse's own condition, but for blank texts, which
  // fuse skips (fuzzy-candidates.ts): scoring them with fuse again took most of a typo's keystroke
  // (issue 12: P4). The matches are shown in the rows' order, so fuse's scores are not needed.
  if (found !== null) return found.filter((i) => texts[i]!.trim() !== '');
  // fuse lower-cases what it compares, so the lower-cased texts give it the same matches.
  return new Fuse(texts, FUSE_OPTIONS)
    .search(text)
    .map((r) => r.refIndex)
    .sort((a, b) => a - b);
}

/** Case-insensitive substring matches; only when there are none, fuzzy matches (typos, skipped letters). */
function match(rows: readonly Row[], text: string): readonly Row[] {
  const positions = matchPositions(rows, text);
  // Every row matches: the rows themselves, whose ids are already made.
  return positions === null ? rows : rowsAt(rows, positions);
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

export {prepareFilter, prepareLongList} from './filter-texts.js';

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

/** Where an id is in a whole list's ids: its first place, and the others once asked for. */
interface Places {
  readonly id: string;
  readonly first: number;
  rest: readonly number[] | null;
}

/**
 * The places of the last id looked up in each whole list: the cursor's row, looked up again by the
 * frame and by each key until the cursor moves (a scan of 50,000 ids each time, issue 12: P4).
 */
const placesOf = new WeakMap<readonly string[], Places>();

function placesIn(ids: readonly string[], id: string): Places {
  let kept = placesOf.get(ids);
  if (kept?.id !== id) {
    kept = {id, first: ids.indexOf(id), rest: null};
    placesOf.set(ids, kept);
  }
  return kept;
}

/** The places after the first, for a list that holds an id more than once. */
function restOf(ids: readonly string[], places: Places): readonly number[] {
  if (places.rest === null) {
    const rest: number[] = [];
    for (let at = ids.indexOf(places.id, places.first + 1); at !== -1; at = ids.indexOf(places.id, at + 1))
      rest.push(at);
    places.rest = rest;
  }
  return places.rest;
}

/** The first of `sorted` that is `value`, by bisection, or -1. */
function bisect(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return sorted[low] === value ? low : -1;
}

/** A whole list's ids, the cursor's row found once per row. */
const wholeIds = (ids: readonly string[]): Ids => ({
  length: ids.length,
  at: (index) => ids[index],
  indexOf: (id) => placesIn(ids, id).first,
});

/**
 * A filtered list's ids, read through its positions in the whole list: a filter key's follow and
 * frame found the cursor in an array of the hits' ids made for each key, 16,593 of them for `en`
 * over the principals (issue 12: P4). The cursor's row is found among the whole list's ids, then
 * among the positions by bisection.
 */
function filteredIds(whole: readonly string[], positions: readonly number[]): Ids {
  return {
    length: positions.length,
    at: (index) => {
      const at = positions[index];
      return at === undefined ? undefined : whole[at];
    },
    indexOf(id) {
      const places = placesIn(whole, id);
      if (places.first === -1) return -1;
      const index = bisect(positions, places.first);
      if (index !== -1) return index;
      for (const at of restOf(whole, places)) {
        const later = bisect(positions, at);
        if (later !== -1) return later;
      }
      return -1;
    },
  };
}

const idViews = new WeakMap<readonly Row[], Ids>();

/**
 * The rows' ids as the cursor reads them: a whole list's, made once, a filtered list's read through
 * its whole list's; either finds the cursor's row once while it stays.
 */
export function cursorIds(rows: readonly Row[]): Ids {
  let ids = idViews.get(rows);
  if (!ids) {
    const from = filteredFrom.get(rows);
    ids = from ? filteredIds(rowIds(from.rows), from.positions) : wholeIds(rowIds(rows));
    idViews.set(rows, ids);
  }
  return ids;
}
