// Working with language values: telling the kinds apart, reading properties the way
// PowerShell does (case-insensitive, `.Count`, member enumeration over arrays), truth and text.

import type {
  ByteArray,
  Credential,
  FormatView,
  Hashtable,
  PsObject,
  ScriptBlock,
  Value,
} from '../cmdlets/types.js';
import {dateMember, dateText, isDateTime, isTimeSpan, timeSpanMember, timeSpanText} from './date-values.js';

const kindOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as {kind?: unknown}).kind
    : undefined;

export const isHashtable = (value: unknown): value is Hashtable =>
  kindOf(value) === 'hashtable' && Array.isArray((value as Hashtable).entries);
export const isScriptBlock = (value: unknown): value is ScriptBlock =>
  kindOf(value) === 'scriptblock' && typeof (value as ScriptBlock).text === 'string';
export const isCredential = (value: unknown): value is Credential =>
  kindOf(value) === 'credential' && typeof (value as Credential).userName === 'string';
export const isByteArray = (value: unknown): value is ByteArray =>
  kindOf(value) === 'bytes' && (value as ByteArray).data instanceof Uint8Array;
export const isFormatView = (value: unknown): value is FormatView =>
  kindOf(value) === 'format' && Array.isArray((value as FormatView).objects);

/** The .NET type Windows PowerShell names for the first record Format-* writes. */
export const FORMAT_DATA_TYPE = 'Microsoft.PowerShell.Commands.Internal.Format.FormatStartData';

export {isDateTime, isTimeSpan} from './date-values.js';

export const isArrayValue = (value: unknown): value is readonly Value[] => Array.isArray(value);

/** An output object: any plain object that is not one of the tagged kinds. */
export const isPsObject = (value: unknown): value is PsObject =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !isHashtable(value) &&
  !isScriptBlock(value) &&
  !isCredential(value) &&
  !isByteArray(value) &&
  !isFormatView(value) &&
  !isDateTime(value) &&
  !isTimeSpan(value);

/** A scalar in the pipeline sense: binds by value, not by property. */
export const isScalar = (value: Value): value is string | number | boolean | null =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The property of an object, matched case-insensitively; the exact spelling wins. */
export function findProperty(object: PsObject, name: string): {key: string; value: Value} | undefined {
  if (Object.hasOwn(object, name)) return {key: name, value: object[name] ?? null};
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : {key, value: object[key] ?? null};
}

/** `$x.Name`: a property, `.Count`/`.Length`, or the property of every item of an array. */
export function getMember(value: Value, name: string): Value {
  const lower = name.toLowerCase();
  if (Array.isArray(value)) {
    if (lower === 'count' || lower === 'length') return value.length;
    const items = value.map((item: Value) => getMember(item, name)).filter((item) => item !== null);
    return items.flatMap((item) => (Array.isArray(item) ? (item as Value[]) : [item]));
  }
  if (isPsObject(value)) {
    const found = findProperty(value, name);
    if (found) return found.value;
  }
  if (isHashtable(value)) {
    const entry = value.entries.find(([key]) => key.toLowerCase() === lower);
    if (entry) return entry[1];
    if (lower === 'count') return value.entries.length;
  }
  if (isCredential(value) && lower === 'username') return value.userName;
  const temporal = isDateTime(value)
    ? dateMember(value, lower)
    : isTimeSpan(value)
      ? timeSpanMember(value, lower)
      : undefined;
  if (temporal !== undefined) return temporal;
  if (typeof value === 'string' && lower === 'length') return value.length;
  if (lower === 'count') return value === null ? 0 : 1;
  return null;
}

export const getPath = (value: Value, path: readonly string[]): Value =>
  path.reduce<Value>((current, name) => getMember(current, name), value);

/** PowerShell's truth: empty string, 0, $null, empty array are false; one item counts as that item. */
export function isTruthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 1 || (value.length === 1 && isTruthy(value[0] as Value));
  return true;
}

/** Text of a value as PowerShell would convert it: `True`, numbers plainly, arrays joined by spaces. */
export function toText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((item: Value) => toText(item)).join(' ');
  if (isScriptBlock(value)) return value.text;
  if (isCredential(value)) return value.userName;
  if (isHashtable(value)) return 'System.Collections.Hashtable';
  if (isByteArray(value)) return 'System.Byte[]';
  if (isFormatView(value)) return FORMAT_DATA_TYPE;
  if (isDateTime(value)) return dateText(value);
  if (isTimeSpan(value)) return timeSpanText(value);
  const identity = findProperty(value as PsObject, 'Identity');
  return identity && typeof identity.value === 'string' ? identity.value : '';
}

/** The .NET type name PowerShell would show in a conversion error. */
export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'System.String';
  if (typeof value === 'boolean') return 'System.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'System.Int32' : 'System.Double';
  if (Array.isArray(value)) return 'System.Object[]';
  if (isHashtable(value)) return 'System.Collections.Hashtable';
  if (isScriptBlock(value)) return 'System.Management.Automation.ScriptBlock';
  if (isCredential(value)) return 'System.Management.Automation.PSCredential';
  if (isByteArray(value)) return 'System.Byte[]';
  if (isFormatView(value)) return FORMAT_DATA_TYPE;
  if (isDateTime(value)) return 'System.DateTime';
  if (isTimeSpan(value)) return 'System.TimeSpan';
  return 'System.Management.Automation.PSObject';
}
