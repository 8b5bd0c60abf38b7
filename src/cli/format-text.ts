// Text output of `pchat exec`: the one presenter's lines (lang/present/), written per stream. The
// console's result view shows the same lines (tui/format-output.ts).

import type {Value} from '../cmdlets/types.js';
import {listView} from '../lang/present/list-view.js';
import {runLines, type RunRecords} from '../lang/present/run-lines.js';

const joined = (lines: readonly string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/** The text for a LINE's output: '' when there is nothing to show, else lines ending in a new line. */
export const formatOutputText = (output: readonly Value[], width?: number): string =>
  joined(listView(output, width));

/** Output and what-if lines go to standard output; warnings and errors to standard error. */
export function writeRunText(
  run: RunRecords,
  io: {readonly out: (text: string) => void; readonly err: (text: string) => void; readonly width: number},
): void {
  for (const line of runLines(run, io.width))
    (line.stream === 'output' || line.stream === 'whatIf' ? io.out : io.err)(`${line.text}\n`);
}
