// Rows are derived from the data, once per data change; the filter index (fuse.js) is built once
// per row set, not per keystroke.

import Fuse from 'fuse.js';
import {PANES} from '../panes/index.js';
import type {PaneId} from '../panes/pane-id.js';
import type {PaneData, Row} from '../panes/pane.js';
import type {UiState, View} from './ui-state.js';

const rowCache = new WeakMap<object, Map<PaneId, readonly Row[]>>();
const fuseCache = new WeakMap<readonly Row[], Fuse<string>>();
const filterCache = new WeakMap<readonly Row[], Map<string, readonly Row[]>>();

/** What the panes are drawn from: the store's state, and the rows the side loads read. */
export const paneData = (ui: UiState): PaneData => ({chat: ui.chat, audit: ui.audit, drills: ui.drills});

/** A detail view whose object is no longer in the data (removed here or elsewhere). */
export const detailGone = (ui: UiState, view: View): boolean =>
  view.kind === 'detail' && !PANES[view.pane].detail?.(paneData(ui), view.id);

/** The data a pane's rows come from: the audit rows for Activity, the drills for Drills, ChatState for the rest. */
const sourceOf = (ui: UiState, pane: PaneId): object =>
  pane === 'activity' ? ui.audit : pane === 'drills' ? ui.drills : ui.chat;

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
    rows = PANES[pane].toRows(paneData(ui));
    byPane.set(pane, rows);
  }
  return rows;
}

const searchText = (row: Row): string => Object.values(row.cells).join('  ');

function fuseFor(rows: readonly Row[]): Fuse<string> {
  let fuse = fuseCache.get(rows);
  if (!fuse) {
    fuse = new Fuse(rows.map(searchText), {
      threshold: 0.3,
      ignoreLocation: true,
      shouldSort: false,
      isCaseSensitive: false,
    });
    fuseCache.set(rows, fuse);
  }
  return fuse;
}

const textCache = new WeakMap<readonly Row[], readonly string[]>();

function lowerTexts(rows: readonly Row[]): readonly string[] {
  let texts = textCache.get(rows);
  if (!texts) {
    texts = rows.map((r) => searchText(r).toLowerCase());
    textCache.set(rows, texts);
  }
  return texts;
}

/** Case-insensitive substring matches; only when there are none, fuzzy matches (typos, skipped letters). */
function match(rows: readonly Row[], text: string): readonly Row[] {
  const needle = text.toLowerCase();
  const texts = lowerTexts(rows);
  const exact = rows.filter((_, i) => texts[i]?.includes(needle));
  if (exact.length > 0) return exact;
  const indexes = fuseFor(rows)
    .search(text)
    .map((r) => r.refIndex)
    .sort((a, b) => a - b);
  return indexes.map((i) => rows[i]).filter((r): r is Row => r !== undefined);
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
