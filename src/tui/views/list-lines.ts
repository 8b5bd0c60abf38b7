// The list body: title with counts and the active filter, column header, and only the rows in
// the window (sliced before any JSX exists). The rows are drawn as a table of columns, each column
// one text of its cells, one line a row: Ink composes every character of every frame again, and a
// row written whole writes the blanks between its cells too, which are a third to a half of a row
// (issue 12: keypress to frame). A row that must be drawn whole (the cursor's, a marked or dimmed
// one, one whose cells would not draw alone: cell-alone.ts) is drawn over the table as one line.

import type {Line, Segment} from '../components/segments.js';
import {PANES} from '../panes/index.js';
import type {PaneId} from '../panes/pane-id.js';
import {cursorIds, paneRows, visibleRows} from '../state/rows.js';
import type {UiState} from '../state/ui-state.js';
import {carriedCache} from '../state/carried-cache.js';
import {
  contentWidths,
  contentWidthsAfter,
  fitRowCells,
  GAP,
  layoutColumns,
  renderRowText,
  type PlacedColumn,
} from '../table/columns.js';
import {drawsAlone} from '../components/cell-alone.js';
import {cursorIndex, windowTop} from '../table/list-window.js';
import {glyphText, type Theme} from '../theme.js';
import type {Row} from '../panes/pane.js';
import {displaySafe} from '../../lang/display-safe.js';

const GUTTER = 3;

const widthCache = carriedCache<Record<string, number>>();

function placedColumns(pane: PaneId, rows: readonly Row[], width: number): PlacedColumn[] {
  const {columns} = PANES[pane];
  const wanted = widthCache.get(
    rows,
    () => contentWidths(columns, rows),
    (before, widths, after, replaced) =>
      contentWidthsAfter(columns, before as readonly Row[], widths, after as readonly Row[], replaced),
  );
  return layoutColumns(columns, width - GUTTER, wanted);
}

interface FittedRow {
  readonly layout: string;
  readonly cells: readonly string[];
  readonly text: string;
  /** Every cell draws alone (cell-alone.ts), so the row can be drawn in the table's columns. */
  readonly alone: boolean;
}

const fittedRows = new WeakMap<Row, FittedRow>();

/** A row's cells fitted to the columns, kept while the columns stay as they are: a key redraws every row. */
function fittedRow(row: Row, columns: readonly PlacedColumn[], layout: string, ellipsis: string): FittedRow {
  const kept = fittedRows.get(row);
  if (kept?.layout === layout) return kept;
  const cells = fitRowCells(columns, row.cells, ellipsis);
  const fitted = {layout, cells, text: cells.join(' '.repeat(GAP)), alone: cells.every(drawsAlone)};
  fittedRows.set(row, fitted);
  return fitted;
}

/** One column of the table: its cells, one line a row, blank where a row is drawn whole. */
export interface TableColumn {
  readonly key: string;
  /** Columns from the left of the body. */
  readonly x: number;
  readonly width: number;
  /** Empty when the column has nothing to draw. */
  readonly text: string;
}

/** A row drawn whole over the table, `at` rows from its top. */
export interface TableOverlay {
  readonly at: number;
  readonly line: Line;
}

export interface ListTable {
  readonly height: number;
  readonly columns: readonly TableColumn[];
  readonly overlays: readonly TableOverlay[];
}

export interface ListBody {
  readonly title: string;
  readonly lines: readonly Line[];
  /** The rows, drawn after `lines`; null when they are among `lines`. */
  readonly table: ListTable | null;
}

const drawnWhole = (row: Row, fitted: FittedRow): boolean => row.dim === true || !fitted.alone;

let lastColumns: {
  readonly window: readonly Row[];
  readonly layout: string;
  readonly columns: readonly TableColumn[];
} | null = null;

/** The window's columns, kept while the window and the columns stay: a cursor move draws the same ones. */
function tableColumns(
  window: readonly Row[],
  fitted: readonly FittedRow[],
  columns: readonly PlacedColumn[],
  layout: string,
): readonly TableColumn[] {
  if (
    lastColumns?.layout === layout &&
    lastColumns.window.length === window.length &&
    lastColumns.window.every((row, i) => row === window[i])
  )
    return lastColumns.columns;
  let x = GUTTER;
  const out = columns.map((c, k): TableColumn => {
    const cells = window.map((row, i) => (drawnWhole(row, fitted[i]!) ? '' : fitted[i]!.cells[k]!.trimEnd()));
    const column = {key: c.key, x, width: c.width, text: cells.some((t) => t !== '') ? cells.join('\n') : ''};
    x += c.width + GAP;
    return column;
  });
  lastColumns = {window, layout, columns: out};
  return out;
}

export function listTitle(ui: UiState, pane: PaneId): string {
  const list = ui.lists[pane];
  const total = paneRows(ui, pane).length;
  const shown = visibleRows(ui, pane).length;
  const marks = list.marks.length > 0 ? `  ${list.marks.length} marked` : '';
  const filter = list.filter ? ` /${displaySafe(list.filter)}` : '';
  return `${PANES[pane].title} (${shown}/${total})${filter}${marks}`;
}

export function listBody(
  ui: UiState,
  pane: PaneId,
  theme: Theme,
  width: number,
  height: number,
  /** False draws every row whole, among the lines: what the table must look like. */
  asTable = true,
): ListBody {
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
    return {title, lines: [header, [{text: `   ${why}`, color: theme.muted}]], table: null};
  }
  const index = cursorIndex(cursorIds(rows), list.cursorId, list.lastIndex);
  const top = windowTop(index, list.top, height, rows.length);
  const marks = new Set(list.marks);
  const layout = columns.map((c) => `${c.key}:${c.width}:${c.align ?? ''}`).join(' ') + e;
  const window = rows.slice(top, top + height);
  const fitted = window.map((row) => fittedRow(row, columns, layout, e));
  const line = (row: Row, i: number): Line => {
    const selected = top + i === index;
    const gutter = `${selected ? theme.glyphs.cursor : ' '}${marks.has(row.id) ? theme.glyphs.mark : ' '} `;
    const seg: Segment = {
      text: gutter + fitted[i]!.text,
      inverse: selected && theme.color,
      dim: row.dim === true && !selected,
    };
    return [seg];
  };
  // Columns that do not fit the width are cut by the line's fitting, which a table cannot do.
  const tableWidth = GUTTER + columns.reduce((sum, c) => sum + c.width, 0) + GAP * (columns.length - 1);
  if (!asTable || tableWidth > width) return {title, lines: [header, ...window.map(line)], table: null};
  const overlays: TableOverlay[] = [];
  window.forEach((row, i) => {
    if (top + i === index || marks.has(row.id) || drawnWhole(row, fitted[i]!))
      overlays.push({at: i, line: line(row, i)});
  });
  return {
    title,
    lines: [header],
    table: {height: window.length, columns: tableColumns(window, fitted, columns, layout), overlays},
  };
}
