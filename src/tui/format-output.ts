// A line's outcome as text for the result view and the message line, the way PowerShell's
// default list formatter shows objects (`Property : Value` blocks). Everything is display-safe.

import stringWidth from 'string-width';
import type {Value} from '../cmdlets/types.js';
import type {LineRun} from '../session.js';
import {displaySafe} from '../lang/display-safe.js';
import type {ResultLine} from './state/ui-state.js';

export function formatValue(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return displaySafe(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `{${(value as readonly Value[]).map(formatValue).join(', ')}}`;
  const tagged = value as {kind?: unknown};
  if (tagged.kind === 'scriptblock') return `{${displaySafe((value as {text: string}).text)}}`;
  if (tagged.kind === 'credential')
    return `Credential ${displaySafe((value as {userName: string}).userName)}`;
  if (tagged.kind === 'bytes') return `Byte[${(value as {data: Uint8Array}).data.length}]`;
  if (tagged.kind === 'hashtable') return '@{...}';
  return displaySafe(JSON.stringify(value));
}

const isObject = (value: Value): value is Readonly<Record<string, Value>> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (value as {kind?: unknown}).kind === undefined;

export function formatObject(object: Readonly<Record<string, Value>>): string[] {
  const keys = Object.keys(object);
  const width = Math.max(0, ...keys.map((k) => stringWidth(k)));
  return keys.map((k) => `${displaySafe(k).padEnd(width)} : ${formatValue(object[k])}`);
}

/** Output objects, then what-if lines, warnings and errors. */
export function formatRun(run: LineRun): ResultLine[] {
  const lines: ResultLine[] = [];
  for (const value of run.output) {
    if (isObject(value)) {
      if (lines.length > 0) lines.push({text: ''});
      lines.push(...formatObject(value).map((text) => ({text})));
    } else lines.push({text: formatValue(value)});
  }
  for (const w of run.whatIf) lines.push({text: displaySafe(w), level: 'muted'});
  for (const w of run.warnings)
    lines.push({text: `WARNING: ${displaySafe(w.message)} [${displaySafe(w.warningId)}]`, level: 'warn'});
  for (const e of run.errors)
    lines.push({
      text: `${displaySafe(e.cmdlet)} : ${displaySafe(e.message)} [${displaySafe(e.errorId)}]`,
      level: 'error',
    });
  return lines;
}

/** For the one-line message: the error id first, so a long message cannot push it off the screen. */
export const errorText = (e: {cmdlet: string; message: string; errorId: string}): string =>
  `${displaySafe(e.cmdlet)} [${displaySafe(e.errorId)}]: ${displaySafe(e.message)}`;
