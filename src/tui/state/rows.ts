// Rows are derived from the data, once per data change; the filter index (fuse.js) is built once
// per row set, not per keystroke.

import Fuse from 'fuse.js';
import {PANES} from '../panes/index.js';
import type {PaneId} from '../panes/pane-id.js';
import type {Row} from '../panes/pane.js';
import type {UiState} from './ui-state.js';

const rowCache = new WeakMap<object, Map<PaneId, readonly Row[]>>();
const fuseCache = new WeakMap<readonly Row[], Fuse<string>>();
const filterCache = new WeakMap<readonly Row[], Map<string, readonly Row[]>>();

/** The pane's rows for the current data (the audit rows for Activity, ChatState for the rest). */
export function paneRows(ui: UiState, pane: PaneId): readonly Row[] {
  const source: object = pane === 'activity' ? ui.audit : ui.chat;
  let byPane = rowCache.get(source);
  if (!byPane) {
    byPane = new Map();
    rowCache.set(source, byPane);
  }
  let rows = byPane.get(pane);
  if (!rows) {
    rows = PANES[pane].toRows({chat: ui.chat, audit: ui.audit});
    byPane.set(pane, rows);
  }
  return rows;
}

const searchText = (row: Row): string => Object.values(row.cells).join('  ');

function fuseFor(rows: readonly Row[]): Fuse<string> {
  let fuse = fuseCache.get(rows);
  if (!fuse) {
    fuse = new Fuse(rows.map(searchText), {threshold: 0.3, ignoreLocation: true, shouldSort: false, isCaseSensitive: false});
    fuseCache.set(rows, fuse);
  }
  return fuse;
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
  const indexes = fuseFor(rows)
    .search(text)
    .map((r) => r.refIndex)
    .sort((a, b) => a - b);
  const out = indexes.map((i) => rows[i]).filter((r): r is Row => r !== undefined);
  if (byText.size > 50) byText.clear();
  byText.set(text, out);
  return out;
}

export const visibleRows = (ui: UiState, pane: PaneId): readonly Row[] => filterRows(paneRows(ui, pane), ui.lists[pane].filter);
