// The comparison operators of Where-Object and -Filter, PowerShell-like: the left side decides
// the type (numbers compare numerically, booleans as booleans), strings compare without case.

import type {Value} from '../cmdlets/types.js';
import type {CompareOperator} from './ast.js';
import {CmdletError} from '../domain/errors.js';
import {isScalar, toText} from './values.js';
import {matchWildcard} from './wildcard.js';

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
  match: (l, r) => safeRegex(toText(r)).test(toText(l)),
  notmatch: (l, r) => !safeRegex(toText(r)).test(toText(l)),
  contains: (l, r) => equals(l, r),
  notcontains: (l, r) => !equals(l, r),
  in: (l, r) => equals(l, r),
  notin: (l, r) => !equals(l, r),
};

export function equals(left: Value, right: Value): boolean {
  if (left === null || right === null) return left === right;
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

const MAX_PATTERN = 256;
const MAX_OPEN_QUANTIFIERS = 4;
const regexCache = new Map<string, RegExp>();

/**
 * -match patterns come from the operator, so they are bounded: a length limit, no
 * backreferences, no quantified group that itself repeats or alternates (`(a+)+`, `(a|a)*`),
 * and few unbounded quantifiers, which keeps backtracking from running away.
 */
export function safeRegex(pattern: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  const refuse = (why: string): never => {
    throw new CmdletError(
      'InvalidValue',
      `The regular expression "${pattern.slice(0, 60)}" is not supported: ${why}.`,
    );
  };
  if (pattern.length > MAX_PATTERN) refuse(`it is longer than ${MAX_PATTERN} characters`);
  if (/\\[1-9]|\\k</.test(pattern)) refuse('backreferences are not allowed');
  if (/\((?:[^()\\]|\\.)*(?:[+*}|])(?:[^()\\]|\\.)*\)\s*[+*{]/.test(pattern))
    refuse('a repeated group may not repeat or alternate inside');
  if ((pattern.match(/(?<!\\)(?:[+*]|\{\d*,\})/g) ?? []).length > MAX_OPEN_QUANTIFIERS)
    refuse(`use at most ${MAX_OPEN_QUANTIFIERS} unbounded repetitions`);
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'i');
  } catch (error) {
    return refuse((error as Error).message.replace(/^Invalid regular expression: /, ''));
  }
  if (regexCache.size > 200) regexCache.clear();
  regexCache.set(pattern, regex);
  return regex;
}
