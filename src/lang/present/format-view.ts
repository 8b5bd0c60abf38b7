// The text of what Format-Table and Format-List output, laid out at the width of the place it is
// shown: the terminal for `pchat exec` and the console's result view, the -Width of Out-String.
// A table is preceded and followed by a blank line, each list entry too, as PowerShell writes them.

import type {FormatView, PsObject, Value} from '../../cmdlets/types.js';
import {listBlock} from './list-block.js';
import {tableView} from './table-view.js';

/** The width Windows PowerShell formats to when there is no console to measure: 120 columns. */
export const DEFAULT_WIDTH = 120;

const own = (object: PsObject, key: string): Value => (Object.hasOwn(object, key) ? object[key]! : null);

export function formatViewLines(view: FormatView, width: number): string[] {
  if (view.objects.length === 0) return [];
  if (view.shape === 'list')
    return view.objects.flatMap((o) => ['', ...listBlock(Object.entries(o), width), '']);
  const rows = view.objects.map((o) => view.columns.map((column) => own(o, column)));
  const options = {wrap: view.wrap, hideHeaders: view.hideTableHeaders};
  return ['', ...tableView({columns: view.columns, rows}, width, options), ''];
}
