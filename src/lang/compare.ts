// The comparison operators of Where-Object and -Filter, PowerShell-like: the left side decides
// the type (numbers compare numerically, booleans as booleans), strings compare without case.

import type {Value} from '../cmdlets/types.js';
import type {CompareOperator} from './ast.js';
import {isDateTime, isScalar, isTimeSpan, toText} from './values.js';
import {asDate} from './date-values.js';
import {matchWildcard} from './wildcard.js';
import {operatorRegex} from './operator-regex.js';

export function compareValues(op: CompareOperator, left: Value, right: Value): boolean {
  if (op === 'contains' || op === 'notcontains')
    return listOf(left).some((item) => equals(item, right)) === (op === 'contains');
  if (op === 'in' || op === 'notin')
    return listOf(right).some((item) => equals(left, item)) === (op === 'in');
  const test = SCALAR_TESTS[op];
  // Spec note: with an array on the left, PowerShell returns the matching items; a filter
  // needs a yes or no, so "some item matches" is the answer (also for -ne and -notlike).
  return Array.isArray(left) ? (left as Value[]).some((item) => test(item, right)) : test(left, right);
}

/**
 * A comparison as a value, as PowerShell gives it: with an array on the left, the items that
 * match (-contains and -in still answer yes or no).
 */
export function compareAsValue(op: CompareOperator, left: Value, right: Value): Value {
  if (!Array.isArray(left) || op === 'contains' || op === 'notcontains' || op === 'in' || op === 'notin')
    return compareValues(op, left, right);
  const test = SCALAR_TESTS[op];
  return (left as Value[]).filter((item) => test(item, right));
}

const listOf = (value: Value): readonly Value[] => (Array.isArray(value) ? (value as Value[]) : [value]);

const ordered =
  (accept: (order: number) => boolean) =>
  (left: Value, right: Value): boolean => {
    const order = ordering(left, right);
    return order !== null && accept(order);
  };

const SCALAR_TESTS: Readonly<Record<CompareOperator, (left: Value, right: Value) => boolean>> = {
  eq: (l, r) => equals(l, r),
  ne: (l, r) => !equals(l, r),
  gt: ordered((o) => o > 0),
  ge: ordered((o) => o >= 0),
  lt: ordered((o) => o < 0),
  le: ordered((o) => o <= 0),
  like: (l, r) => matchWildcard(toText(r), toText(l)),
  notlike: (l, r) => !matchWildcard(toText(r), toText(l)),
  match: (l, r) => operatorRegex(toText(r)).test(toText(l)),
  notmatch: (l, r) => !operatorRegex(toText(r)).test(toText(l)),
  contains: (l, r) => equals(l, r),
  notcontains: (l, r) => !equals(l, r),
  in: (l, r) => equals(l, r),
  notin: (l, r) => !equals(l, r),
};

export const isCompareOperator = (op: string): op is CompareOperator => Object.hasOwn(SCALAR_TESTS, op);

export function equals(left: Value, right: Value): boolean {
  if (left === null || right === null) return left === right;
  if (isDateTime(left) || isTimeSpan(left)) return ordering(left, right) === 0;
  if (typeof left === 'boolean') return toBoolean(right) === left;
  if (typeof left === 'number') return toNumber(right) === left;
  if (typeof left === 'string')
    return isScalar(right) || Array.isArray(right)
      ? left.toLowerCase() === toText(right).toLowerCase()
      : false;
  return left === right;
}

/** Negative, zero or positive; null when the two cannot be ordered. */
export function ordering(left: Value, right: Value): number | null {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  if (isDateTime(left) || isTimeSpan(left)) {
    // The right side converts to the left's type, as PowerShell converts it: "2026-01-01" to a date.
    const other = isDateTime(left) ? asDate(right) : isTimeSpan(right) ? right : null;
    return other === null ? null : Math.sign(left.ms - other.ms);
  }
  if (typeof left === 'number') {
    const other = toNumber(right);
    return Number.isNaN(other) ? null : Math.sign(left - other);
  }
  if (typeof left === 'boolean') return Number(left) - Number(toBoolean(right));
  if (typeof left === 'string' && isScalar(right)) {
    const a = left.toLowerCase();
    const b = toText(right).toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return null;
}

/** Spec note: unlike PowerShell, the strings "False" and "0" are false, so `-eq "False"` reads as meant. */
export function toBoolean(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'false' || lower === '0' || lower === '') return false;
    return true;
  }
  return value !== null;
}

export function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.trim());
  return Number.NaN;
}
