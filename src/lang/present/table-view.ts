// PowerShell's table view (the Format-Table look): a header row, a row of dashes under each
// header, then one row per item; columns one space apart and sized to their widest cell. Widths
// are display widths, so CJK text and emoji line up. When the table is wider than `width`, the
// widest columns give way first and cut cells end in `...`, as Windows PowerShell writes it.
// Numeric columns are right-aligned, as PowerShell aligns them.

import type {Value} from '../../cmdlets/types.js';
import {displaySafe} from '../display-safe.js';
import {fitCell, stringWidth} from './fit-cell.js';
import {inlineValue} from './inline-value.js';

export interface TableInput {
  readonly columns: readonly string[];
  /** One array of cell values per row, in column order. */
  readonly rows: readonly (readonly Value[])[];
}

const GAP = ' ';
const MIN_COLUMN = 4;
const ELLIPSIS = '...';

/** The table's lines; `width` is the space available (Infinity: size every column to its content). */
export function tableView(table: TableInput, width: number): string[] {
  const headers = table.columns.map(displaySafe);
  const cells = table.rows.map((row) => headers.map((_, i) => inlineValue(row[i])));
  const widths = headers.map((h, i) => Math.max(stringWidth(h), ...cells.map((row) => stringWidth(row[i]!))));
  shrinkToFit(widths, width);
  const numeric = headers.map(
    (_, i) =>
      table.rows.some((row) => row[i] != null) &&
      table.rows.every((row) => row[i] == null || typeof row[i] === 'number'),
  );
  const line = (texts: readonly string[]): string =>
    texts
      .map((text, i) => fitCell(text, widths[i]!, numeric[i] ? 'right' : 'left', ELLIPSIS))
      .join(GAP)
      .trimEnd();
  return [line(headers), line(headers.map((h) => '-'.repeat(stringWidth(h)))), ...cells.map(line)];
}

/** Narrows the widest column, one column at a time, until the table fits or nothing can give. */
function shrinkToFit(widths: number[], width: number): void {
  const total = (): number =>
    widths.reduce((sum, w) => sum + w, 0) + GAP.length * Math.max(0, widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) return;
    widths[widest] = Math.max(MIN_COLUMN, widths[widest]! - (total() - width));
  }
}
