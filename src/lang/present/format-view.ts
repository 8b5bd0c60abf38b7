// The text of what Format-Table and Format-List output, laid out at the width of the place it is
// shown: the terminal for `pchat exec` and the console's result view, the -Width of Out-String.
// A table is preceded and followed by a blank line, each list entry too, as PowerShell writes them.
// With -GroupBy, each run of objects with the same value is a table of its own under a blank line
// and a "   Name: value" heading, PowerShell's group layout.

import type {FormatView, PsObject, Value} from '../../cmdlets/types.js';
import {displaySafe} from '../display-safe.js';
import {inlineValue} from './inline-value.js';
import {listBlock} from './list-block.js';
import {tableView} from './table-view.js';

/** The width Windows PowerShell formats to when there is no console to measure: 120 columns. */
export const DEFAULT_WIDTH = 120;

const own = (object: PsObject, key: string): Value => (Object.hasOwn(object, key) ? object[key]! : null);

export function formatViewLines(view: FormatView, width: number): string[] {
  if (view.objects.length === 0) return [];
  if (view.shape === 'list')
    return view.objects.flatMap((o) => ['', ...listBlock(Object.entries(o), width), '']);
  const options = {wrap: view.wrap, hideHeaders: view.hideTableHeaders};
  const table = (objects: readonly PsObject[]): string[] => {
    const rows = objects.map((o) => view.columns.map((column) => own(o, column)));
    return ['', ...tableView({columns: view.columns, rows}, width, options), ''];
  };
  if (!view.groupBy) return table(view.objects);
  const {label, values} = view.groupBy;
  return groupRuns(view.objects, values).flatMap(({value, objects}) => [
    '',
    `   ${displaySafe(label)}: ${value}`,
    ...table(objects),
  ]);
}

/** Consecutive objects whose group value shows the same are one group, as PowerShell groups them. */
function groupRuns(
  objects: readonly PsObject[],
  values: readonly Value[],
): {value: string; objects: PsObject[]}[] {
  const runs: {value: string; objects: PsObject[]}[] = [];
  objects.forEach((object, i) => {
    const value = inlineValue(values[i] ?? null);
    const last = runs.at(-1);
    if (last?.value === value) last.objects.push(object);
    else runs.push({value, objects: [object]});
  });
  return runs;
}
