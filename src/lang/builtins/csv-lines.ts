// CSV as PowerShell 7 writes it (ConvertTo-Csv, Export-Csv): a header of the first object's
// property names, then one line per object; every field in double quotes by default, a quote
// inside doubled. Later objects give the header's properties only, as in PowerShell.

import type {Value} from '../../cmdlets/types.js';
import {inlineValue} from '../present/inline-value.js';
import {findProperty, isArrayValue, isHashtable, isPsObject, toText} from '../values.js';

export type QuoteMode = 'Always' | 'AsNeeded' | 'Never';
export const QUOTE_MODES: readonly QuoteMode[] = ['Always', 'AsNeeded', 'Never'];

export interface CsvOptions {
  readonly delimiter: string;
  readonly quote: QuoteMode;
}

/** The properties of a value as CSV sees them: an object's, a hashtable's keys, a string's Length. */
function columnsOf(value: Value): readonly (readonly [string, Value])[] {
  if (isHashtable(value)) return value.entries;
  if (isPsObject(value)) return Object.entries(value);
  if (typeof value === 'string') return [['Length', value.length]];
  return [];
}

function cellOf(item: Value, column: string): Value {
  if (isHashtable(item))
    return item.entries.find(([key]) => key.toLowerCase() === column.toLowerCase())?.[1] ?? null;
  if (isPsObject(item)) return findProperty(item, column)?.value ?? null;
  return columnsOf(item).find(([key]) => key === column)?.[1] ?? null;
}

/** A field's text as .NET's ToString() gives it: a list is its type name, a nested object `@{...}`. */
function fieldText(value: Value): string {
  if (isArrayValue(value)) return 'System.Object[]';
  if (isPsObject(value)) return inlineValue(value);
  return toText(value);
}

function quoted(text: string, options: CsvOptions): string {
  const needs =
    options.quote === 'Always' ||
    (options.quote === 'AsNeeded' &&
      (text.includes(options.delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)));
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV lines of the items (no line ends); nothing when there are no items. */
export function csvLines(items: readonly Value[], options: CsvOptions, header = true): string[] {
  const first = items.find((item) => item !== null);
  if (first === undefined) return [];
  const columns = columnsOf(first).map(([key]) => key);
  const line = (fields: readonly string[]): string =>
    fields.map((f) => quoted(f, options)).join(options.delimiter);
  const rows = items
    .filter((item) => item !== null)
    .map((item) => line(columns.map((column) => fieldText(cellOf(item, column)))));
  return header ? [line(columns), ...rows] : rows;
}
