// The .NET methods a line may call on a value: those of DateTime and TimeSpan operators use with
// dates, the common ones of String, Contains on an array, and ToString() on anything. Any other
// is refused as MethodNotFound, with PowerShell's own wording.

import type {DateTimeValue, Value} from '../cmdlets/types.js';
import {CmdletError} from '../domain/errors.js';
import {toNumberOrFail} from './arithmetic.js';
import {formatDate} from './builtins/date-format.js';
import {
  asDate,
  dateCell,
  dateValue,
  isDateTime,
  isTimeSpan,
  timeSpanText,
  timeSpanValue,
} from './date-values.js';
import {boundedValue} from './value-size.js';
import {isArrayValue, toText, typeName} from './values.js';

type Method = (target: never, args: readonly Value[]) => Value;

const ADD: Readonly<Record<string, number>> = {
  adddays: 86_400_000,
  addhours: 3_600_000,
  addminutes: 60_000,
  addseconds: 1000,
  addmilliseconds: 1,
};

/** DateTime.AddMonths: the day is kept, or the last day of the target month when it has fewer. */
function addMonths(date: DateTimeValue, months: number): DateTimeValue {
  const d = new Date(date.ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + Math.trunc(months), 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return dateValue(target.getTime());
}

const number = (args: readonly Value[], type = 'System.Double'): number =>
  toNumberOrFail(args[0] ?? null, type);

function dateMethod(date: DateTimeValue, name: string, args: readonly Value[]): Value | undefined {
  const step = ADD[name];
  if (step !== undefined) return dateValue(date.ms + number(args) * step);
  switch (name) {
    case 'addmonths':
      return addMonths(date, number(args, 'System.Int32'));
    case 'addyears':
      return addMonths(date, 12 * number(args, 'System.Int32'));
    case 'tostring':
      return args.length === 0 ? dateCell(date) : formatDate(new Date(date.ms), toText(args[0] ?? null));
    case 'toshortdatestring':
      return formatDate(new Date(date.ms), 'd');
    case 'tolongdatestring':
      return formatDate(new Date(date.ms), 'D');
    case 'touniversaltime':
    case 'tolocaltime':
      return date;
    case 'subtract': {
      const other = args[0] ?? null;
      if (isTimeSpan(other)) return dateValue(date.ms - other.ms);
      const then = asDate(other);
      return then ? timeSpanValue(date.ms - then.ms) : undefined;
    }
    default:
      return undefined;
  }
}

const text = (args: readonly Value[], at = 0): string => toText(args[at] ?? null);
const count = (args: readonly Value[], at: number): number =>
  toNumberOrFail(args[at] ?? null, 'System.Int32');

/** Trim(), or Trim("-_") with the characters to take off, as String.Trim(char[]) does. */
const trimmer =
  (start: boolean, end: boolean): Method =>
  (s: string, args) => {
    const chars = args.length === 0 ? null : new Set(args.map((arg) => toText(arg)).join(''));
    const trimmed = (ch: string): boolean => (chars ? chars.has(ch) : /\s/.test(ch));
    const all = [...s];
    let from = 0;
    let to = all.length;
    while (start && from < to && trimmed(all[from]!)) from += 1;
    while (end && to > from && trimmed(all[to - 1]!)) to -= 1;
    return all.slice(from, to).join('');
  };

/** Split(",;") splits at any of the characters, as String.Split(char[]); Split() at white space. */
function split(s: string, args: readonly Value[]): Value {
  const chars = new Set(args.map((arg) => toText(arg)).join(''));
  const parts: string[] = [''];
  for (const ch of s) {
    if (chars.size === 0 ? /\s/.test(ch) : chars.has(ch)) parts.push('');
    else parts[parts.length - 1] += ch;
  }
  return boundedValue(parts);
}

/** PadLeft(10) and PadLeft(10, "*"): to a total width, with spaces unless another character is given. */
const padder =
  (left: boolean): Method =>
  (s: string, args) => {
    const width = count(args, 0);
    if (width < 0)
      throw new CmdletError(
        'InvalidValue',
        `Exception calling "${left ? 'PadLeft' : 'PadRight'}" with "${args.length}" argument(s): "Non-negative number required."`,
      );
    const fill = args.length > 1 ? text(args, 1).charAt(0) || ' ' : ' ';
    return boundedValue(left ? s.padStart(width, fill) : s.padEnd(width, fill));
  };

const STRING_METHODS: Readonly<Record<string, Method>> = {
  toupper: (s: string) => s.toUpperCase(),
  tolower: (s: string) => s.toLowerCase(),
  trim: trimmer(true, true),
  trimstart: trimmer(true, false),
  trimend: trimmer(false, true),
  split,
  indexof: (s: string, args) => s.indexOf(text(args)),
  padleft: padder(true),
  padright: padder(false),
  startswith: (s: string, args) => s.startsWith(toText(args[0] ?? null)),
  endswith: (s: string, args) => s.endsWith(toText(args[0] ?? null)),
  contains: (s: string, args) => s.includes(toText(args[0] ?? null)),
  replace: (s: string, args) => boundedValue(s.split(toText(args[0] ?? null)).join(toText(args[1] ?? null))),
  substring: (s: string, args) => {
    const start = number(args, 'System.Int32');
    const length = args.length > 1 ? toNumberOrFail(args[1] ?? null, 'System.Int32') : s.length - start;
    if (start < 0 || length < 0 || start + length > s.length)
      throw new CmdletError(
        'InvalidValue',
        `Exception calling "Substring" with "${args.length}" argument(s): "Index and length must refer to a location within the string."`,
      );
    return s.slice(start, start + length);
  },
};

/** Contains on an array compares as .NET's Equals: same type and value, text with its case. */
const sameItem = (a: Value, b: Value): boolean =>
  a === b || (isDateTime(a) && isDateTime(b) && a.ms === b.ms);

/** `target.Name(args)`; names are matched without case, as PowerShell does. */
export function invokeMethod(target: Value, name: string, args: readonly Value[]): Value {
  const lower = name.toLowerCase();
  let result: Value | undefined;
  if (isDateTime(target)) result = dateMethod(target, lower, args);
  else if (typeof target === 'string') result = STRING_METHODS[lower]?.(target as never, args);
  else if (isArrayValue(target) && lower === 'contains')
    result = target.some((item) => sameItem(item, args[0] ?? null));
  if (result !== undefined) return result;
  if (lower === 'tostring' && args.length === 0)
    return isTimeSpan(target) ? timeSpanText(target) : toText(target);
  if (target === null)
    throw new CmdletError('InvalidValue', 'You cannot call a method on a null-valued expression.');
  throw new CmdletError(
    'MethodNotFound',
    `Method invocation failed because [${typeName(target)}] does not contain a method named '${name}'.`,
  );
}
