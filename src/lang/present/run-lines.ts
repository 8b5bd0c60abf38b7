// Everything a line produced, as the lines both front ends show: `pchat exec` writes each to its
// stream, the console's result view draws them with a colour per stream. The order is the order
// `pchat exec` writes them in: warnings, what-if lines, output, errors.

import type {Value} from '../../cmdlets/types.js';
import type {Warning} from '../../domain/errors.js';
import type {ErrorRecord} from '../api.js';
import {listView} from './list-view.js';
import {errorLine, warningLine, whatIfLine} from './record-lines.js';

export interface RunRecords {
  readonly output: readonly Value[];
  readonly whatIf: readonly string[];
  readonly warnings: readonly Warning[];
  readonly errors: readonly ErrorRecord[];
}

export type Stream = 'output' | 'whatIf' | 'warning' | 'error';

export interface PresentedLine {
  readonly text: string;
  readonly stream: Stream;
}

const on =
  (stream: Stream) =>
  (text: string): PresentedLine => ({text, stream});

/** `width`: the columns Format-Table and Format-List output is laid out to. */
export const runLines = (run: RunRecords, width: number): PresentedLine[] => [
  ...run.warnings.map(warningLine).map(on('warning')),
  ...run.whatIf.map(whatIfLine).map(on('whatIf')),
  ...listView(run.output, width).map(on('output')),
  ...run.errors.map(errorLine).map(on('error')),
];
