// `-f`: the subset of .NET composite formatting operators use: {0}, {0,5} / {0,-5} (alignment),
// {0:N2} (grouped, fixed decimals), {0:D3} (zero-padded), {0:F1}, {0:X} and {{ }} for braces.

import type {Value} from '../cmdlets/types.js';
import {CmdletError} from '../domain/errors.js';
import {toNumberOrFail} from './arithmetic.js';
import {MAX_VALUE_ITEMS} from './value-size.js';
import {toText} from './values.js';

const ITEM = /\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^{}]*))?\}|[{}]/g;

export function formatOperator(format: string, args: readonly Value[]): string {
  return format.replace(ITEM, (whole, index?: string, align?: string, spec?: string) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    if (index === undefined) throw invalidFormat();
    const position = Number(index);
    if (position >= args.length)
      throw new CmdletError(
        'InvalidValue',
        'Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list.',
      );
    const text = formatItem(args[position] ?? null, spec ?? '');
    const width = align === undefined ? 0 : Number(align);
    if (Math.abs(width) > MAX_VALUE_ITEMS) throw invalidFormat();
    return width < 0 ? text.padEnd(-width) : text.padStart(width);
  });
}

const invalidFormat = (): CmdletError =>
  new CmdletError('InvalidValue', 'Error formatting a string: Input string was not in a correct format.');

function formatItem(value: Value, spec: string): string {
  const match = /^([NnDdFfXx])(\d{0,2})$/.exec(spec);
  if (!match || value === null || typeof value === 'boolean') return toText(value);
  const kind = match[1]!.toUpperCase();
  const digits = match[2] === '' ? null : Number(match[2]);
  const number = toNumberOrFail(value);
  switch (kind) {
    case 'N':
      return number.toLocaleString('en-US', {
        minimumFractionDigits: digits ?? 2,
        maximumFractionDigits: digits ?? 2,
      });
    case 'F':
      return number.toFixed(digits ?? 2);
    case 'D':
      if (!Number.isInteger(number)) throw invalidFormat();
      return (number < 0 ? '-' : '') + String(Math.abs(number)).padStart(digits ?? 0, '0');
    default: {
      if (!Number.isInteger(number)) throw invalidFormat();
      const hex = (number >>> 0).toString(16).padStart(digits ?? 0, '0');
      return match[1] === 'X' ? hex.toUpperCase() : hex;
    }
  }
}
