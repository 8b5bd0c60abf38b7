// `+ - * / %` with PowerShell's rules: the left operand decides. Text + anything concatenates,
// an array + anything appends, text * n and array * n repeat; numbers convert, or fail as
// .NET's conversion does.

import type {DateTimeValue, TimeSpanValue, Value} from '../cmdlets/types.js';
import {dateValue, isDateTime, isTimeSpan, timeSpanValue} from './date-values.js';
import {CmdletError} from '../domain/errors.js';
import {boundedValue, MAX_VALUE_ITEMS} from './value-size.js';
import {toText, typeName} from './values.js';

export type ArithmeticOperator = 'add' | 'subtract' | 'multiply' | 'divide' | 'remainder';

const SYMBOL: Readonly<Record<ArithmeticOperator, string>> = {
  add: 'op_Addition',
  subtract: 'op_Subtraction',
  multiply: 'op_Multiply',
  divide: 'op_Division',
  remainder: 'op_Modulus',
};

export function arithmetic(op: ArithmeticOperator, left: Value, right: Value): Value {
  if (Array.isArray(left)) {
    const items = left as readonly Value[];
    if (op === 'add')
      return boundedValue([...items, ...(Array.isArray(right) ? (right as Value[]) : [right])]);
    if (op === 'multiply')
      return boundedValue(repeat(items.length, toNumberOrFail(right), () => items).flat());
    throw noOperator(left, op);
  }
  if (typeof left === 'string') {
    if (op === 'add') return boundedText(left + toText(right));
    if (op === 'multiply')
      return boundedText(repeat(left.length, toNumberOrFail(right), () => [left]).join(''));
    return numeric(op, toNumberOrFail(left), toNumberOrFail(right));
  }
  if (isDateTime(left) || isTimeSpan(left)) return temporal(op, left, right);
  if (left === null) return op === 'add' ? right : numeric(op, 0, toNumberOrFail(right));
  if (typeof left === 'number' || typeof left === 'boolean')
    return numeric(op, Number(left), toNumberOrFail(right));
  throw noOperator(left, op);
}

/**
 * Date and TimeSpan arithmetic as .NET defines it: date - date is a TimeSpan, date ± TimeSpan a
 * date, TimeSpan ± TimeSpan a TimeSpan; anything else has no operator.
 */
function temporal(op: ArithmeticOperator, left: DateTimeValue | TimeSpanValue, right: Value): Value {
  if (op === 'subtract' && isDateTime(left) && isDateTime(right)) return timeSpanValue(left.ms - right.ms);
  if ((op === 'add' || op === 'subtract') && isTimeSpan(right)) {
    const ms = op === 'add' ? left.ms + right.ms : left.ms - right.ms;
    return isDateTime(left) ? dateValue(ms) : timeSpanValue(ms);
  }
  throw noOperator(left, op);
}

function numeric(op: ArithmeticOperator, a: number, b: number): number {
  if ((op === 'divide' || op === 'remainder') && b === 0)
    throw new CmdletError('InvalidValue', 'Attempted to divide by zero.');
  switch (op) {
    case 'add':
      return a + b;
    case 'subtract':
      return a - b;
    case 'multiply':
      return a * b;
    case 'divide':
      return a / b;
    case 'remainder':
      return a % b;
  }
}

/** `count` copies, refused before they are built when they would pass the value bound. */
function repeat<T>(size: number, count: number, piece: () => T): T[] {
  const times = Math.max(0, Math.trunc(count));
  if (size * times > MAX_VALUE_ITEMS) throw tooLarge(size * times);
  return Array.from({length: times}, piece);
}

function boundedText(text: string): string {
  if (text.length > MAX_VALUE_ITEMS) throw tooLarge(text.length);
  return text;
}

const tooLarge = (size: number): CmdletError =>
  new CmdletError(
    'LimitExceeded',
    `The value would hold ${size.toLocaleString('en-US')} items or characters; the limit is ${MAX_VALUE_ITEMS.toLocaleString('en-US')}.`,
  );

/** A number from a value, or .NET's conversion error for text that is not one. */
export function toNumberOrFail(value: Value, type = 'System.Int32'): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    const number = trimmed === '' ? 0 : Number(trimmed);
    if (!Number.isNaN(number)) return number;
    throw new CmdletError(
      'InvalidValue',
      `Cannot convert value "${value}" to type "${type}". Error: "Input string was not in a correct format."`,
    );
  }
  throw new CmdletError(
    'InvalidValue',
    `Cannot convert the "${toText(value)}" value of type "${typeName(value)}" to type "${type}".`,
  );
}

const noOperator = (left: Value, op: ArithmeticOperator): CmdletError =>
  new CmdletError(
    'InvalidValue',
    `Method invocation failed because [${typeName(left)}] does not contain a method named '${SYMBOL[op]}'.`,
  );
