// The list body: title with counts and the active filter, column header, and only the rows in
// the window (sliced before any JSX exists).

import type {Line, Segment} from '../components/segments.js';
import {PANES} from '../panes/index.js';
import type {PaneId} from '../panes/pane-id.js';
import {paneRows, rowIds, visibleRows} from '../state/rows.js';
import type {UiState} from '../state/ui-state.js';
import {contentWidths, layoutColumns, renderRowText, type PlacedColumn} from '../table/columns.js';
import {cursorIndex, windowTop} from '../table/list-window.js';
import {glyphText, type Theme} from '../theme.js';
import type {Row} from '../panes/pane.js';
import {displaySafe} from '../../lang/display-safe.js';

const GUTTER = 3;

const widthCache = new WeakMap<readonly Row[], Record<string, number>>();

function placedColumns(pane: PaneId, rows: readonly Row[], width: number): PlacedColumn[] {
  let wanted = widthCache.get(rows);
  if (!wanted) {
    wanted = contentWidths(PANES[pane].columns, rows);
    widthCache.set(rows, wanted);
  }
  return layoutColumns(PANES[pane].columns, width - GUTTER, wanted);
}

const rowTexts = new WeakMap<Row, {readonly layout: string; readonly text: string}>();

/** A row's cells fitted to the columns, kept while the columns stay as they are: a key redraws every row. */
function rowText(row: Row, columns: readonly PlacedColumn[], layout: string, ellipsis: string): string {
  const kept = rowTexts.get(row);
  if (kept?.layout === layout) return kept.text;
  const text = renderRowText(columns, row.cells, ellipsis);
  rowTexts.set(row, {layout, text});
  return text;
}

export interface ListBody {
  readonly title: string;
  readonly lines: readonly Line[];
}

export function listTitle(ui: UiState, pane: PaneId): string {
  const list = ui.lists[pane];
  const total = paneRows(ui, pane).length;
  const shown = visibleRows(ui, pane).length;
  const marks = list.marks.length > 0 ? `  ${list.marks.length} marked` : '';
  const filter = list.filter ? ` /${displaySafe(list.filter)}` : '';
  return `${PANES[pane].title} (${shown}/${total})${filter}${marks}`;
}

export function listBody(ui: UiState, pane: PaneId, theme: Theme, width: number, height: number): ListBody {
  const list = ui.lists[pane];
  const all = paneRows(ui, pane);
  const rows = visibleRows(ui, pane);
  const title = listTitle(ui, pane);
  const columns = placedColumns(pane, all, width);
  const e = theme.glyphs.ellipsis;
  const header: Line = [
    {
      text:
        ' '.repeat(GUTTER) +
        renderRowText(columns, Object.fromEntries(columns.map((c) => [c.key, c.title])), e),
      bold: true,
      color: theme.accent,
    },
  ];
  if (rows.length === 0) {
    const why =
      all.length === 0
        ? glyphText(PANES[pane].empty, theme.glyphs)
        : `No ${PANES[pane].title.toLowerCase()} match /${displaySafe(list.filter)} ${theme.glyphs.dash} Esc clears the filter.`;
    return {title, lines: [header, [{text: `   ${why}`, color: theme.muted}]]};
  }
  const index = cursorIndex(rowIds(rows), list.cursorId, list.lastIndex);
  const top = windowTop(index, list.top, height, rows.length);
  const marks = new Set(list.marks);
  const layout = columns.map((c) => `${c.key}:${c.width}:${c.align ?? ''}`).join(' ') + e;
  const lines = rows.slice(top, top + height).map((row, i): Line => {
    const selected = top + i === index;
    const gutter = `${selected ? theme.glyphs.cursor : ' '}${marks.has(row.id) ? theme.glyphs.mark : ' '} `;
    const seg: Segment = {
      text: gutter + rowText(row, columns, layout, e),
      inverse: selected && theme.color,
      dim: row.dim === true && !selected,
    };
    return [seg];
  });
  return {title, lines: [header, ...lines]};
}
