// The value of an operator expression: binary and unary operators, indexing and casts.

import type {Value} from '../cmdlets/types.js';
import type {BinaryOperator, UnaryOperator} from './ast.js';
import {CmdletError} from '../domain/errors.js';
import {arithmetic, toNumberOrFail} from './arithmetic.js';
import {compareAsValue} from './compare.js';
import {formatOperator} from './format-operator.js';
import {operatorReplace, operatorSplit} from './operator-regex.js';
import {boundedValue, MAX_VALUE_ITEMS} from './value-size.js';
import {isHashtable, isTruthy, toText} from './values.js';

const listOf = (value: Value): readonly Value[] =>
  value === null ? [] : Array.isArray(value) ? (value as Value[]) : [value];

/** -and and -or decide on the left alone when they can, so the right side is a thunk. */
export function binaryValue(op: BinaryOperator, left: Value, right: () => Value): Value {
  switch (op) {
    case 'and':
      return isTruthy(left) && isTruthy(right());
    case 'or':
      return isTruthy(left) || isTruthy(right());
    case 'xor':
      return isTruthy(left) !== isTruthy(right());
    case 'add':
    case 'subtract':
    case 'multiply':
    case 'divide':
    case 'remainder':
      return arithmetic(op, left, right());
    case 'range':
      return range(left, right());
    case 'format':
      return formatOperator(toText(left), listOf(right()));
    case 'join':
      return listOf(left).map(toText).join(toText(right()));
    case 'split': {
      const pattern = toText(right());
      return boundedValue(listOf(left).flatMap((item) => operatorSplit(toText(item), pattern)));
    }
    case 'replace': {
      const [pattern = null, replacement = null] = listOf(right());
      const replace = (item: Value): string =>
        operatorReplace(toText(item), toText(pattern), toText(replacement));
      return Array.isArray(left) ? (left as Value[]).map(replace) : replace(left);
    }
    case 'eq':
    case 'ne':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
    case 'like':
    case 'notlike':
    case 'match':
    case 'notmatch':
    case 'contains':
    case 'notcontains':
    case 'in':
    case 'notin':
      return compareAsValue(op, left, right());
  }
}

export function unaryValue(op: UnaryOperator, operand: Value): Value {
  switch (op) {
    case 'not':
      return !isTruthy(operand);
    case 'negate':
      return -toNumberOrFail(operand);
    case 'plus':
      return toNumberOrFail(operand);
    case 'join':
      return listOf(operand).map(toText).join('');
    case 'split':
      return listOf(operand).flatMap((item) =>
        toText(item)
          .trim()
          .split(/\s+/)
          .filter((piece) => piece !== ''),
      );
  }
}

/** `a..b`: whole numbers, up or down, refused before it is built when it would pass the bound. */
function range(from: Value, to: Value): Value[] {
  const start = Math.round(toNumberOrFail(from));
  const end = Math.round(toNumberOrFail(to));
  const size = Math.abs(end - start) + 1;
  if (size > MAX_VALUE_ITEMS)
    throw new CmdletError(
      'LimitExceeded',
      `The range ${start}..${end} would hold ${size.toLocaleString('en-US')} items; the limit is ${MAX_VALUE_ITEMS.toLocaleString('en-US')}.`,
    );
  const step = end >= start ? 1 : -1;
  return Array.from({length: size}, (_, i) => start + i * step);
}

/** `$x[0]`, `$x[-1]`, `$x[1..3]`, `"text"[0]`, `$table['key']`; an index past the end is $null. */
export function indexValue(target: Value, index: Value): Value {
  if (target === null) throw new CmdletError('InvalidValue', 'Cannot index into a null array.');
  if (Array.isArray(index))
    return (index as Value[]).map((one) => indexValue(target, one)).filter((v) => v !== null);
  if (isHashtable(target)) {
    const key = toText(index).toLowerCase();
    return target.entries.find(([name]) => name.toLowerCase() === key)?.[1] ?? null;
  }
  const items: readonly Value[] | string =
    typeof target === 'string' ? target : Array.isArray(target) ? (target as Value[]) : [target];
  const position = Math.round(toNumberOrFail(index));
  const at = position < 0 ? items.length + position : position;
  return at >= 0 && at < items.length ? (items[at] ?? null) : null;
}
