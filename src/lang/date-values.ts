// Dates and time spans as values of the language, as .NET's DateTime and TimeSpan behave in
// PowerShell: members (.Year, .DayOfWeek, .TotalDays), text, and the display of a bare value.
// Spec note: dates are UTC instants, as all of pchat's times are, so .Hour and the text do not
// depend on the machine's time zone.

import type {DateTimeValue, TimeSpanValue, Value} from '../cmdlets/types.js';
import {formatDate} from './builtins/date-format.js';
import {parseDate} from './convert-time.js';

const DAY_MS = 86_400_000;
const TICKS_PER_MS = 10_000;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const kindOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as {kind?: unknown}).kind
    : undefined;

export const isDateTime = (value: unknown): value is DateTimeValue =>
  kindOf(value) === 'datetime' && typeof (value as DateTimeValue).ms === 'number';
export const isTimeSpan = (value: unknown): value is TimeSpanValue =>
  kindOf(value) === 'timespan' && typeof (value as TimeSpanValue).ms === 'number';

export const dateValue = (ms: number): DateTimeValue => ({kind: 'datetime', ms});
export const timeSpanValue = (ms: number): TimeSpanValue => ({kind: 'timespan', ms});

/** A date, or text that reads as one (M/D/YYYY or ISO 8601); null for anything else. */
export function asDate(value: Value): DateTimeValue | null {
  if (isDateTime(value)) return value;
  const parsed = typeof value === 'string' ? parseDate(value) : null;
  return parsed ? dateValue(Date.parse(parsed.iso)) : null;
}

/**
 * A date in JSON: ISO 8601. Spec note: Windows PowerShell 5.1's ConvertTo-Json writes a DateTime
 * as "\/Date(ms)\/" inside an object of its display text; ISO 8601 is what the cmdlets' times are
 * in `pchat exec --json` and what PowerShell 7 writes, so both JSON outputs use it.
 */
export const dateIso = (date: DateTimeValue): string => new Date(date.ms).toISOString();

/** `[string]$d` and `"$d"`: the invariant culture's text, as PowerShell converts a date. */
export const dateText = (date: DateTimeValue): string => formatDate(new Date(date.ms), 'MM/dd/yyyy HH:mm:ss');

/** A date shown on its own, as PowerShell 5.1 shows Get-Date: "Sunday, December 6, 2026 8:16:24 PM". */
export const dateDisplay = (date: DateTimeValue): string => formatDate(new Date(date.ms), 'F');

/** A date in a table cell or a list's value: DateTime.ToString() in en-US, "12/6/2026 8:16:24 PM". */
export const dateCell = (date: DateTimeValue): string => formatDate(new Date(date.ms), 'G');

/** TimeSpan.ToString(): [-][d.]hh:mm:ss[.fffffff]. */
export function timeSpanText(span: TimeSpanValue): string {
  const sign = span.ms < 0 ? '-' : '';
  let rest = Math.abs(span.ms);
  const days = Math.floor(rest / DAY_MS);
  rest -= days * DAY_MS;
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.floor((rest % 3_600_000) / 60_000);
  const seconds = Math.floor((rest % 60_000) / 1000);
  const fraction = Math.round((rest % 1000) * TICKS_PER_MS);
  return `${sign}${days > 0 ? `${days}.` : ''}${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction > 0 ? `.${pad(fraction, 7)}` : ''}`;
}

/** A member of a date, or undefined when DateTime has no such property. */
export function dateMember(date: DateTimeValue, lower: string): Value | undefined {
  const d = new Date(date.ms);
  switch (lower) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return d.getUTCSeconds();
    case 'millisecond':
      return d.getUTCMilliseconds();
    case 'dayofweek':
      return DAYS[d.getUTCDay()]!;
    case 'dayofyear':
      return Math.floor((date.ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
    case 'date':
      return dateValue(date.ms - (((date.ms % DAY_MS) + DAY_MS) % DAY_MS));
    case 'timeofday':
      return timeSpanValue(((date.ms % DAY_MS) + DAY_MS) % DAY_MS);
    case 'ticks':
      return (date.ms + 62_135_596_800_000) * TICKS_PER_MS;
    case 'kind':
      return 'Utc';
    default:
      return undefined;
  }
}

/** The properties of a TimeSpan, in the order PowerShell lists them. */
export function timeSpanProperties(span: TimeSpanValue): [string, number][] {
  const ms = span.ms;
  const whole = (unit: number, modulo: number): number => Math.trunc(ms / unit) % modulo;
  return [
    ['Days', Math.trunc(ms / DAY_MS)],
    ['Hours', whole(3_600_000, 24)],
    ['Minutes', whole(60_000, 60)],
    ['Seconds', whole(1000, 60)],
    ['Milliseconds', Math.trunc(ms) % 1000],
    ['Ticks', ms * TICKS_PER_MS],
    ['TotalDays', ms / DAY_MS],
    ['TotalHours', ms / 3_600_000],
    ['TotalMinutes', ms / 60_000],
    ['TotalSeconds', ms / 1000],
    ['TotalMilliseconds', ms],
  ];
}

export function timeSpanMember(span: TimeSpanValue, lower: string): Value | undefined {
  return timeSpanProperties(span).find(([name]) => name.toLowerCase() === lower)?.[1];
}
