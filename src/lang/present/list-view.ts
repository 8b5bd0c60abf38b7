// A line's output as `pchat exec` prints it and the console's result view shows it: PowerShell's
// default output, which for the Persistent Chat cmdlets' objects is the list view (their format
// data defines list views), `Name : Value` blocks separated by a blank line.
//
// Items that are not objects, as PowerShell shows them:
// - $null: nothing. Strings: their lines. Script blocks: their text.
// - A collection: each item in turn (the pipeline unrolls it); a byte array, one number a line.
// - A hashtable: its default table view, `Name` and `Value` columns (sized to their content
//   rather than PowerShell's fixed 30 columns for Name).
// - A credential: PSCredential's default table view, `UserName` and `Password`, the password
//   shown as its type, System.Security.SecureString, never as text.
// - What Format-Table or Format-List output: its table or list, laid out at `width`.
// - A date: its long form in a block, `Sunday, December 6, 2026 8:16:24 PM`, as 5.1 shows Get-Date.
// - A time span: the list of its properties (Days ... TotalMilliseconds), as TimeSpan's view has.
//
// Spec note: the default list view does not wrap long values at `width` (the console's result view
// wraps them under the value's column itself); Format-List does, as PowerShell's list writer does.

import type {PsObject, Value} from '../../cmdlets/types.js';
import {displaySafe} from '../display-safe.js';
import {dateDisplay, timeSpanProperties} from '../date-values.js';
import {
  isByteArray,
  isCredential,
  isDateTime,
  isFormatView,
  isHashtable,
  isScriptBlock,
  isTimeSpan,
} from '../values.js';
import {DEFAULT_WIDTH, formatViewLines} from './format-view.js';
import {inlineValue} from './inline-value.js';
import {listBlock} from './list-block.js';
import {tableView} from './table-view.js';

export {listBlock};

const SECURE_STRING = 'System.Security.SecureString';

/**
 * The output's lines, with a blank line before and after each block and never two in a row.
 * `width` is the width of the terminal (or text) it is written to, for Format-* output.
 */
export function listView(output: readonly Value[], width: number = DEFAULT_WIDTH): string[] {
  const lines: string[] = [];
  for (const item of output) appendItem(lines, item, width);
  return lines.filter((line, i) => !(line === '' && lines[i - 1] === ''));
}

const block = (lines: readonly string[]): string[] => ['', ...lines, ''];

function appendItem(lines: string[], item: Value, width: number): void {
  if (item === null) return;
  if (Array.isArray(item)) {
    for (const element of item as Value[]) appendItem(lines, element, width);
  } else if (typeof item === 'string') {
    // Multi-line text (help) keeps its lines; each line is made safe on its own.
    lines.push(...item.split('\n').map(displaySafe));
  } else if (isScriptBlock(item)) {
    lines.push(...item.text.split('\n').map(displaySafe));
  } else if (isByteArray(item)) {
    lines.push(...[...item.data].map(String));
  } else if (isHashtable(item)) {
    lines.push(...block(tableView({columns: ['Name', 'Value'], rows: item.entries}, Infinity)));
  } else if (isFormatView(item)) {
    lines.push(...formatViewLines(item, width));
  } else if (isDateTime(item)) {
    lines.push(...block([dateDisplay(item)]));
  } else if (isTimeSpan(item)) {
    lines.push(...block(listBlock(timeSpanProperties(item))));
  } else if (isCredential(item)) {
    const rows = [[item.userName, SECURE_STRING]];
    lines.push(...block(tableView({columns: ['UserName', 'Password'], rows}, Infinity)));
  } else if (typeof item === 'object') {
    lines.push(...block(listBlock(Object.entries(item as PsObject))));
  } else {
    lines.push(inlineValue(item));
  }
}
