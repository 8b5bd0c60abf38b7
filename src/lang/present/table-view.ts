// PowerShell's table view (the Format-Table look): a header row, a row of dashes under each
// header, then one row per item; columns one space apart and sized to their widest cell. Widths
// are display widths, so CJK text and emoji line up. Numeric columns are right-aligned, as
// PowerShell aligns them.
//
// When the table is wider than `width`, Windows PowerShell's rule applies: the last column is
// narrowed to fit, and a column left with no room at all is dropped (then the one before it is
// narrowed). A cut cell ends in `...` (ASCII, as Windows PowerShell 5.1 writes it; PowerShell 7's
// `…` would need a font with it). A header wider than its column continues on the next lines; the
// dashes are as wide as the header, within the column. With `wrap`, long cells continue on the
// next lines of their row instead of being cut. Lines carry no trailing spaces.

import type {Value} from '../../cmdlets/types.js';
import {displaySafe} from '../display-safe.js';
import {fitCell, padCell, stringWidth} from './fit-cell.js';
import {inlineValue} from './inline-value.js';
import {wrapText} from './wrap-text.js';

export interface TableInput {
  readonly columns: readonly string[];
  /** One array of cell values per row, in column order. */
  readonly rows: readonly (readonly Value[])[];
}

export interface TableOptions {
  /** Long cells continue on more lines instead of being cut (Format-Table -Wrap). */
  readonly wrap?: boolean;
  /** No header row and no dashes (Format-Table -HideTableHeaders). */
  readonly hideHeaders?: boolean;
}

const GAP = ' ';
const ELLIPSIS = '...';

type Align = 'left' | 'right';

/** The table's lines; `width` is the space available (Infinity: size every column to its content). */
export function tableView(table: TableInput, width: number, options: TableOptions = {}): string[] {
  const headers = table.columns.map(displaySafe);
  const cells = table.rows.map((row) => headers.map((_, i) => inlineValue(row[i])));
  const widths = headers.map((h, i) => Math.max(stringWidth(h), ...cells.map((row) => stringWidth(row[i]!))));
  const shown = fitColumns(widths, width);
  const align: Align[] = headers.map((_, i) =>
    table.rows.some((row) => row[i] != null) &&
    table.rows.every((row) => row[i] == null || typeof row[i] === 'number')
      ? 'right'
      : 'left',
  );
  const pick = <T>(values: readonly T[]): T[] => shown.map((i) => values[i]!);
  const columns = pick(widths.map((w, i) => ({width: w, align: align[i]!})));
  const header = options.hideHeaders
    ? []
    : [
        ...wrappedRow(columns, pick(headers)),
        row(
          columns,
          pick(headers).map((h, k) => '-'.repeat(Math.min(stringWidth(h), columns[k]!.width))),
        ),
      ];
  const body = cells.flatMap((texts) =>
    options.wrap ? wrappedRow(columns, pick(texts)) : [row(columns, pick(texts))],
  );
  return [...header, ...body];
}

interface Column {
  readonly width: number;
  readonly align: Align;
}

const row = (columns: readonly Column[], texts: readonly string[]): string =>
  texts
    .map((text, k) => fitCell(text, columns[k]!.width, columns[k]!.align, ELLIPSIS))
    .join(GAP)
    .trimEnd();

/** One row whose cells continue on as many lines as the longest needs. */
function wrappedRow(columns: readonly Column[], texts: readonly string[]): string[] {
  const pieces = texts.map((text, k) => wrapText(text, columns[k]!.width));
  const height = Math.max(1, ...pieces.map((p) => p.length));
  return Array.from({length: height}, (_, line) =>
    pieces
      .map((p, k) => padCell(p[line] ?? '', columns[k]!.width, columns[k]!.align))
      .join(GAP)
      .trimEnd(),
  );
}

/**
 * Narrows the last column until the table fits; a column that would be left no room is dropped.
 * Returns the indexes of the columns kept, in order.
 */
function fitColumns(widths: number[], width: number): number[] {
  let kept = widths.length;
  const total = (): number => widths.slice(0, kept).reduce((sum, w) => sum + w, 0) + GAP.length * (kept - 1);
  while (kept > 0 && total() > width) {
    const narrowed = widths[kept - 1]! - (total() - width);
    if (narrowed >= 1) widths[kept - 1] = narrowed;
    else kept -= 1;
  }
  return Array.from({length: kept}, (_, i) => i);
}
