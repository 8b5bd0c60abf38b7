// Converts an argument to what its parameter's type binds to (see ParamSpec in
// src/cmdlets/types.ts), with PowerShell's messages for the ways that can fail.

import type {ByteArray, Credential, ListModifier, ParamSpec, Value} from '../cmdlets/types.js';
import {CmdletError} from '../domain/errors.js';
import {formatTimeSpan, parseTimeSpan} from '../domain/timespan.js';
import {parseDate} from './convert-time.js';
import {
  findProperty,
  isByteArray,
  isCredential,
  isDateTime,
  isHashtable,
  isPsObject,
  isScriptBlock,
  isTimeSpan,
  toText,
  typeName,
} from './values.js';

/** A value with the text it was written as, when that matters (`-Name 007` binds "007"). */
export interface Argument {
  readonly value: Value;
  /** The source text of a number literal. */
  readonly literal?: string | null;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const TYPE_LABEL: Readonly<Record<ParamSpec['type'], string>> = {
  string: 'System.String',
  'string[]': 'System.String[]',
  int: 'System.Int32',
  bool: 'System.Boolean',
  switch: 'System.Management.Automation.SwitchParameter',
  enum: 'System.String',
  timespan: 'System.TimeSpan',
  datetime: 'System.DateTime',
  listModifier: 'Microsoft.Rtc.Management.PSListModifier',
  scriptblock: 'System.Management.Automation.ScriptBlock',
  filter: 'System.String',
  object: 'System.Object',
  credential: 'System.Management.Automation.PSCredential',
  bytes: 'System.Byte[]',
};

export const typeLabel = (spec: ParamSpec): string => TYPE_LABEL[spec.type];

export function convertArgument(name: string, spec: ParamSpec, arg: Argument): unknown {
  const {value} = arg;
  if (value === null) {
    if (spec.type === 'listModifier') return {replace: []} satisfies ListModifier;
    if (spec.type === 'switch') return false;
    if (spec.nullable) return null;
    throw invalid(name, `Cannot bind argument to parameter '${name}' because it is null.`);
  }
  switch (spec.type) {
    case 'string':
      return toStringArg(name, spec, arg);
    case 'string[]':
      return Array.isArray(value)
        ? (value as Value[]).map((item) => toStringArg(name, spec, {value: item}))
        : [toStringArg(name, spec, arg)];
    case 'int':
      return toInt(name, spec, arg);
    case 'bool':
    case 'switch':
      return toBool(name, spec, value);
    case 'enum':
      return toEnum(name, spec, arg);
    case 'timespan':
      return toTimeSpan(name, spec, value);
    case 'datetime':
      return toDate(name, spec, value);
    case 'listModifier':
      return toListModifier(name, spec, value);
    case 'scriptblock':
      if (isScriptBlock(value)) return value;
      throw cannotConvert(name, spec, value, 'Write the filter as a script block: {$_.Name -eq "x"}.');
    case 'filter':
      if (isScriptBlock(value) || typeof value === 'string') return value;
      throw cannotConvert(name, spec, value, 'Give a script block {Property -eq "value"} or a string.');
    case 'object':
      return value;
    case 'credential':
      return toCredential(name, spec, value);
    case 'bytes':
      return toBytes(name, spec, value);
  }
}

const invalid = (name: string, message: string): CmdletError =>
  new CmdletError('InvalidValue', message, {parameter: name});

const shown = (value: Value): string =>
  Array.isArray(value) || (typeof value === 'object' && value !== null) ? typeName(value) : toText(value);

function cannotConvert(name: string, spec: ParamSpec, value: Value, hint = ''): CmdletError {
  const message = `Cannot bind parameter '${name}'. Cannot convert value "${shown(value)}" to type "${typeLabel(spec)}".${hint ? ` ${hint}` : ''}`;
  return invalid(name, message);
}

function toStringArg(name: string, spec: ParamSpec, arg: Argument): string {
  const {value} = arg;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return arg.literal ?? String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value) && value.length === 1) return toStringArg(name, spec, {value: value[0] as Value});
  // An object from a Get- cmdlet stands for its Identity, as the objects' ToString() does.
  const identity = isPsObject(value) ? findProperty(value, 'Identity') : undefined;
  if (identity && typeof identity.value === 'string') return identity.value;
  throw cannotConvert(name, spec, value ?? null);
}

/** Int32, unless the parameter declares a range beyond it: then UInt32 (MaxFileSizeKB and the like). */
const UINT32_MAX = 4294967295;
const intType = (spec: ParamSpec): {name: string; min: number; max: number} =>
  spec.max !== undefined && spec.max > INT32_MAX
    ? {name: 'System.UInt32', min: 0, max: UINT32_MAX}
    : {name: 'System.Int32', min: INT32_MIN, max: INT32_MAX};

function toInt(name: string, spec: ParamSpec, arg: Argument): number {
  const {value} = arg;
  const type = intType(spec);
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i.test(value))
    n = Number(value);
  else throw cannotConvert(name, spec, value, 'Give a whole number.');
  const text = arg.literal ?? (typeof value === 'string' ? value.trim() : String(n));
  const cannot = `Cannot bind parameter '${name}'. Cannot convert value "${text}" to type "${type.name}":`;
  if (!Number.isFinite(n)) throw invalid(name, `${cannot} the value is not a finite number.`);
  if (!Number.isInteger(n)) throw invalid(name, `${cannot} give a whole number.`);
  // A value outside the type cannot be converted at all (InvalidValue); inside it, the declared range decides (OutOfRange).
  if (n < type.min || n > type.max)
    throw invalid(name, `${cannot} the value is too large or too small for ${type.name.slice(7)}.`);
  checkRange(name, spec, n, text);
  return n;
}

function checkRange(name: string, spec: ParamSpec, n: number, text: string): void {
  const prefix = `Cannot validate argument on parameter '${name}'.`;
  const show = (bound: number): string => (spec.type === 'timespan' ? formatTimeSpan(bound) : String(bound));
  if (spec.min !== undefined && n < spec.min) {
    throw new CmdletError(
      'OutOfRange',
      `${prefix} The ${text} argument is less than the minimum allowed range of ${show(spec.min)}. Supply an argument that is greater than or equal to ${show(spec.min)} and then try the command again.`,
      {parameter: name},
    );
  }
  if (spec.max !== undefined && n > spec.max) {
    throw new CmdletError(
      'OutOfRange',
      `${prefix} The ${text} argument is greater than the maximum allowed range of ${show(spec.max)}. Supply an argument that is less than or equal to ${show(spec.max)} and then try the command again.`,
      {parameter: name},
    );
  }
}

function toBool(name: string, spec: ParamSpec, value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : null;
  if (text === 'true' || text === '1' || text === '$true') return true;
  if (text === 'false' || text === '0' || text === '$false') return false;
  throw cannotConvert(
    name,
    spec,
    value,
    'Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.',
  );
}

function toEnum(name: string, spec: ParamSpec, arg: Argument): string {
  const text =
    typeof arg.value === 'string'
      ? arg.value
      : typeof arg.value === 'number'
        ? (arg.literal ?? String(arg.value))
        : null;
  const values = spec.values ?? [];
  if (text !== null && values.length === 0) return text;
  const match = text === null ? undefined : values.find((v) => v.toLowerCase() === text.trim().toLowerCase());
  if (match !== undefined) return match;
  throw invalid(
    name,
    `Cannot bind parameter '${name}'. Cannot convert value "${shown(arg.value)}" to an allowed value. Specify one of the following values and try again. The possible values are "${values.join(', ')}".`,
  );
}

function toTimeSpan(name: string, spec: ParamSpec, value: Value): number {
  const seconds = isTimeSpan(value)
    ? value.ms / 1000
    : typeof value === 'string'
      ? parseTimeSpan(value)
      : null;
  if (seconds === null)
    throw cannotConvert(
      name,
      spec,
      value,
      'Write a TimeSpan as "hh:mm:ss" or "d.hh:mm:ss", for example "00:10:00".',
    );
  checkRange(name, spec, seconds, toText(value));
  return seconds;
}

/** A date value from the language binds as the instant it is: it is no date written without a time. */
function toDate(name: string, spec: ParamSpec, value: Value): unknown {
  if (isDateTime(value)) return {iso: new Date(value.ms).toISOString(), dateOnly: false};
  const date = typeof value === 'string' ? parseDate(value) : null;
  if (date === null)
    throw cannotConvert(
      name,
      spec,
      value,
      'Write a date as M/D/YYYY ("3/1/2018") or ISO 8601 ("2018-03-01T10:00:00Z").',
    );
  return date;
}

const MODIFIER_KEYS = ['replace', 'remove', 'add'] as const;

function toListModifier(name: string, spec: ParamSpec, value: Value): ListModifier {
  if (!isHashtable(value)) return {replace: listItems(name, spec, value)};
  const result: Record<string, readonly string[]> = {};
  for (const [key, item] of value.entries) {
    const lower = key.toLowerCase() as (typeof MODIFIER_KEYS)[number];
    if (!MODIFIER_KEYS.includes(lower)) {
      throw invalid(
        name,
        `The key '${key}' is not valid for parameter '${name}'. A list modifier accepts only the keys Add, Remove and Replace.`,
      );
    }
    result[lower] = listItems(name, spec, item);
  }
  return result;
}

const listItems = (name: string, spec: ParamSpec, value: Value): string[] =>
  value === null
    ? []
    : Array.isArray(value)
      ? (value as Value[]).map((item) => toStringArg(name, spec, {value: item}))
      : [toStringArg(name, spec, {value})];

function toCredential(name: string, spec: ParamSpec, value: Value): Credential {
  if (isCredential(value)) return value;
  // The model holds no passwords: a user name is all a credential carries.
  if (typeof value === 'string' && value.trim() !== '') return {kind: 'credential', userName: value};
  throw cannotConvert(name, spec, value, 'Use Get-Credential "DOMAIN\\user", or give the user name.');
}

function toBytes(name: string, spec: ParamSpec, value: Value): ByteArray {
  if (isByteArray(value)) return value;
  const items = Array.isArray(value) ? (value as Value[]) : [value];
  if (items.every((item) => typeof item === 'number' && Number.isInteger(item) && item >= 0 && item <= 255)) {
    return {kind: 'bytes', data: Uint8Array.from(items)};
  }
  throw cannotConvert(name, spec, value);
}
