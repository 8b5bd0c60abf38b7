// Text output of `pchat exec`, as PowerShell's default formatter shows it: objects as lists of
// `Name : Value` blocks, lists as {a, b}, errors as `<Cmdlet> : <message> [<ErrorId>]`.
// Every string from the data goes through displaySafe() on its way to the terminal.

import type {PsObject, Value} from '../cmdlets/types.js';
import type {Warning} from '../domain/errors.js';
import type {ErrorRecord} from '../lang/api.js';
import {displaySafe} from '../lang/display-safe.js';
import {isByteArray, isCredential, isHashtable, isPsObject, isScriptBlock} from '../lang/values.js';

const BYTES_SHOWN = 16;

/** The text for a LINE's output: '' when there is nothing to show, else lines ending in a new line. */
export function formatOutputText(output: readonly Value[]): string {
  const lines: string[] = [];
  for (const item of output) appendItem(lines, item);
  // Two objects in a row share the blank line between them.
  const merged = lines.filter((line, i) => !(line === '' && lines[i - 1] === ''));
  return merged.length === 0 ? '' : `${merged.join('\n')}\n`;
}

function appendItem(lines: string[], item: Value): void {
  if (item === null) return;
  if (Array.isArray(item)) {
    for (const element of item as Value[]) appendItem(lines, element);
  } else if (typeof item === 'string') {
    // Multi-line text (help) keeps its lines; each line is made safe on its own.
    lines.push(...item.split('\n').map(displaySafe));
  } else if (isHashtable(item)) {
    lines.push('', ...listBlock(item.entries.map(([key, value]) => [key, value])), '');
  } else if (isCredential(item)) {
    lines.push('', ...listBlock([['UserName', item.userName]]), '');
  } else if (isScriptBlock(item)) {
    lines.push(...item.text.split('\n').map(displaySafe));
  } else if (isByteArray(item)) {
    lines.push(`[${item.data.length} bytes]`);
  } else if (isPsObject(item)) {
    lines.push('', ...listBlock(Object.entries(item)), '');
  } else {
    lines.push(formatValueText(item));
  }
}

/** `Name : Value` lines, names padded to the longest name of the object. */
function listBlock(entries: readonly (readonly [string, Value | undefined])[]): string[] {
  const names = entries.map(([name]) => displaySafe(name));
  const width = Math.max(0, ...names.map((name) => name.length));
  return entries.map(([, value], i) =>
    `${names[i]!.padEnd(width)} : ${formatValueText(value ?? null)}`.trimEnd(),
  );
}

/** One value on one line: null as nothing, Booleans as True/False, lists as {a, b}. */
export function formatValueText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return displaySafe(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `{${(value as Value[]).map((item) => formatValueText(item)).join(', ')}}`;
  if (isScriptBlock(value)) return displaySafe(value.text);
  if (isCredential(value)) return displaySafe(value.userName);
  if (isByteArray(value)) {
    const shown = [...value.data.slice(0, BYTES_SHOWN)].join(', ');
    return `{${shown}${value.data.length > BYTES_SHOWN ? '...' : ''}}`;
  }
  if (isHashtable(value))
    return `@{${value.entries.map(([k, v]) => `${displaySafe(k)}=${formatValueText(v)}`).join('; ')}}`;
  return `@{${Object.entries(value as PsObject)
    .map(([k, v]) => `${displaySafe(k)}=${formatValueText(v ?? null)}`)
    .join('; ')}}`;
}

export const formatErrorText = (record: ErrorRecord): string =>
  `${displaySafe(record.cmdlet)} : ${displaySafe(record.message)} [${displaySafe(record.errorId)}]`;

export const formatWarningText = (warning: Warning): string =>
  `WARNING: ${displaySafe(warning.message)} [${displaySafe(warning.warningId)}]`;

/** "What if: ..." lines name targets from the data, so they are made safe too. */
export const formatWhatIfText = (line: string): string => displaySafe(line);
