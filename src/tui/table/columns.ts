// Column layout for our own table: fixed arithmetic, no measuring after render. Narrow terminals
// drop the least important columns first (argonaut); the flexible column takes what is left.

import stringWidth from 'string-width';
import {fitCell} from '../../lang/present/fit-cell.js';

// Fitting a cell by display width is the presenter's rule, shared with `pchat exec` output.
export {fitCell};

export interface Column {
  readonly key: string;
  readonly title: string;
  /** Never narrower than this (defaults to the title's width, at most 12). */
  readonly min?: number;
  /** Never wider than this. */
  readonly max?: number;
  /** 1 is kept longest; higher numbers are dropped first when space runs out. */
  readonly priority?: number;
  /** Takes the remaining width. */
  readonly flex?: boolean;
  readonly align?: 'left' | 'right';
}

export interface PlacedColumn extends Column {
  readonly width: number;
}

export const GAP = 2;

const minOf = (c: Column): number => c.min ?? Math.min(12, stringWidth(c.title));

/** Widest cell per column over at most `sample` rows (the title counts too). */
export function contentWidths(
  columns: readonly Column[],
  rows: readonly {cells: Readonly<Record<string, string>>}[],
  sample = 2000,
): Record<string, number> {
  const widths: Record<string, number> = {};
  for (const c of columns) widths[c.key] = stringWidth(c.title);
  const n = Math.min(rows.length, sample);
  for (let i = 0; i < n; i++) {
    const cells = rows[i]?.cells ?? {};
    for (const c of columns) {
      const w = cellWidth(cells, c.key);
      if (w > (widths[c.key] ?? 0)) widths[c.key] = w;
    }
  }
  return widths;
}

/**
 * contentWidths of `after`, from those of `before` (`widths`), which it is with the rows at `replaced`
 * replaced; null when a replaced row that was the widest of a column became narrower (only a count
 * over all of them can tell the new width then).
 */
export function contentWidthsAfter(
  columns: readonly Column[],
  before: readonly {cells: Readonly<Record<string, string>>}[],
  widths: Readonly<Record<string, number>>,
  after: readonly {cells: Readonly<Record<string, string>>}[],
  replaced: readonly number[],
  sample = 2000,
): Record<string, number> | null {
  const next = {...widths};
  for (const i of replaced) {
    if (i >= sample) continue;
    for (const c of columns) {
      const was = cellWidth(before[i]?.cells ?? {}, c.key);
      const now = cellWidth(after[i]?.cells ?? {}, c.key);
      if (now < was && was >= (widths[c.key] ?? 0)) return null;
      next[c.key] = Math.max(next[c.key] ?? 0, now);
    }
  }
  return next;
}

const cellWidths = new WeakMap<object, Map<string, number>>();

/** A cell's width, kept with its row's cells: a commit leaves most rows as they were (issue 12). */
function cellWidth(cells: Readonly<Record<string, string>>, key: string): number {
  let byKey = cellWidths.get(cells);
  if (!byKey) {
    byKey = new Map();
    cellWidths.set(cells, byKey);
  }
  let w = byKey.get(key);
  if (w === undefined) {
    w = stringWidth(cells[key] ?? '');
    byKey.set(key, w);
  }
  return w;
}

/** Chooses which columns fit `total` and how wide each is. */
export function layoutColumns(
  columns: readonly Column[],
  total: number,
  wanted: Readonly<Record<string, number>>,
): PlacedColumn[] {
  const kept = [...columns];
  const need = (cs: readonly Column[]) =>
    cs.reduce((sum, c) => sum + minOf(c), 0) + GAP * Math.max(0, cs.length - 1);
  while (kept.length > 1 && need(kept) > total) {
    const drop = kept.reduce((worst, c) => ((c.priority ?? 2) >= (worst.priority ?? 2) ? c : worst));
    kept.splice(kept.indexOf(drop), 1);
  }
  const widths = kept.map((c) => minOf(c));
  let spare = total - need(kept);
  // Grow columns toward their content, most important first; the flexible column takes the rest.
  const order = kept.map((c, i) => ({c, i})).sort((a, b) => (a.c.priority ?? 2) - (b.c.priority ?? 2));
  for (const {c, i} of order) {
    if (spare <= 0) break;
    const target = Math.min(c.max ?? Infinity, Math.max(widths[i] ?? 0, wanted[c.key] ?? 0));
    const grow = Math.min(spare, Math.max(0, target - (widths[i] ?? 0)));
    widths[i] = (widths[i] ?? 0) + grow;
    spare -= grow;
  }
  const flex = kept.findIndex((c) => c.flex);
  if (flex >= 0 && spare > 0)
    widths[flex] = Math.min(kept[flex]?.max ?? Infinity, (widths[flex] ?? 0) + spare);
  return kept.map((c, i) => ({...c, width: Math.max(1, widths[i] ?? 1)}));
}

/** Each placed column's cell, fitted to its width. */
export function fitRowCells(
  placed: readonly PlacedColumn[],
  cells: Readonly<Record<string, string>>,
  ellipsis = '…',
): string[] {
  return placed.map((c) => fitCell(cells[c.key] ?? '', c.width, c.align, ellipsis));
}

export function renderRowText(
  placed: readonly PlacedColumn[],
  cells: Readonly<Record<string, string>>,
  ellipsis = '…',
): string {
  return fitRowCells(placed, cells, ellipsis).join(' '.repeat(GAP));
}
