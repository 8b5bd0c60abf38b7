// A line's outcome as the console shows it: the result view draws the one presenter's lines
// (lang/present/), exactly what `pchat exec` prints, with a colour per stream.

import type {Value} from '../cmdlets/types.js';
import {displaySafe} from '../lang/display-safe.js';
import {inlineValue} from '../lang/present/inline-value.js';
import {runLines, type RunRecords, type Stream} from '../lang/present/run-lines.js';
import type {ResultLine} from './state/ui-state.js';

const LEVEL: Readonly<Record<Stream, ResultLine['level']>> = {
  output: undefined,
  whatIf: 'muted',
  warning: 'warn',
  error: 'error',
};

/** One value as text on one line, display-safe. */
export const formatValue = (value: Value | undefined): string => inlineValue(value);

/** The result view's lines; `width` is the view's inner width, for Format-* output. */
export const formatRun = (run: RunRecords, width: number): ResultLine[] =>
  runLines(run, width).map(({text, stream}) => (LEVEL[stream] ? {text, level: LEVEL[stream]} : {text}));

/** For the one-line message: the error id first, so a long message cannot push it off the screen. */
export const errorText = (e: {cmdlet: string; message: string; errorId: string}): string =>
  `${displaySafe(e.cmdlet)} [${displaySafe(e.errorId)}]: ${displaySafe(e.message)}`;
