// JSON output of `pchat exec --json`: one array per LINE on one line; every property present
// (null when unset); script blocks as their text, credentials as {UserName}, bytes as base64,
// dates as ISO 8601 (date-values.ts), time spans as their properties.
// Characters that could act on a terminal are written as \u escapes: still the same JSON data.

import {Buffer} from 'node:buffer';
import type {PsObject, Value} from '../cmdlets/types.js';
import type {Warning} from '../domain/errors.js';
import {terminalSafeJson} from '../domain/text-chars.js';
import type {ErrorRecord} from '../lang/api.js';
import {dateIso, timeSpanProperties} from '../lang/date-values.js';
import {
  isByteArray,
  isCredential,
  isDateTime,
  isFormatView,
  isHashtable,
  isScriptBlock,
  isTimeSpan,
} from '../lang/values.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | {[key: string]: JsonValue};

export function toJsonValue(value: Value | undefined): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return (value as Value[]).map((item) => toJsonValue(item));
  if (isScriptBlock(value)) return value.text;
  if (isCredential(value)) return {UserName: value.userName};
  if (isByteArray(value)) return Buffer.from(value.data).toString('base64');
  if (isFormatView(value)) return value.objects.map((item) => toJsonValue(item));
  if (isDateTime(value)) return dateIso(value);
  const entries: [string, Value | undefined][] = isHashtable(value)
    ? value.entries.map(([k, v]) => [k, v])
    : isTimeSpan(value)
      ? timeSpanProperties(value)
      : Object.entries(value as PsObject);
  const object: {[key: string]: JsonValue} = {};
  for (const [key, item] of entries) {
    // Own data properties only: a key like "__proto__" stays a plain key.
    Object.defineProperty(object, key, {
      value: toJsonValue(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/**
 * JSON.stringify, with the characters it leaves raw but a terminal would act on escaped. This is
 * the JSON sink's form of the one sanitiser: the same character table as displaySafe(), written as
 * JSON escapes so the data reads back unchanged.
 */
export const safeJson = (value: JsonValue): string => terminalSafeJson(JSON.stringify(value));

/**
 * Format-Table and Format-List output is written as the objects it shows, each with only the
 * selected properties (what Select-Object with the same properties gives), item by item.
 */
export const formatJsonLine = (output: readonly Value[]): string =>
  safeJson(
    output.flatMap((item): Value[] => (isFormatView(item) ? [...item.objects] : [item])).map(toJsonValue),
  );

export const formatJsonError = (record: ErrorRecord): string =>
  safeJson({cmdlet: record.cmdlet, errorId: record.errorId, message: record.message, target: record.target});

export const formatJsonWarning = (warning: Warning): string =>
  safeJson({warningId: warning.warningId, message: warning.message, target: warning.target});
