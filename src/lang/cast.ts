// `[int]`, `[string]`, `[bool]`, `[char]`, `[datetime]`, `[array]` and their .NET spellings, with
// the conversion errors PowerShell gives (InvalidCastException's wording, id InvalidValue).

import type {DateTimeValue, Value} from '../cmdlets/types.js';
import {asDate, isDateTime} from './date-values.js';
import {CmdletError} from '../domain/errors.js';
import {toNumberOrFail} from './arithmetic.js';
import {isTruthy, isScalar, toText, typeName} from './values.js';

const INT32 = {min: -2147483648, max: 2147483647};

export function castValue(type: string, value: Value): Value {
  switch (type) {
    case 'int':
    case 'int32':
      return toInteger(value, 'System.Int32', INT32);
    case 'int64':
    case 'long':
      return toInteger(value, 'System.Int64', {min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER});
    case 'double':
      return toNumberOrFail(scalarOf(value, 'System.Double'), 'System.Double');
    case 'string':
      return value === null ? '' : toText(value);
    case 'bool':
    case 'boolean':
      return isTruthy(value);
    case 'char':
      return toChar(value);
    case 'datetime':
      return toDate(value);
    case 'array':
      return value === null ? null : Array.isArray(value) ? value : [value];
    default:
      throw new CmdletError('InvalidValue', `Unable to find type [${type}].`);
  }
}

function scalarOf(value: Value, type: string): Value {
  if (isScalar(value)) return value;
  throw new CmdletError(
    'InvalidValue',
    `Cannot convert the "${toText(value)}" value of type "${typeName(value)}" to type "${type}".`,
  );
}

/** .NET rounds half to even when it converts a double to an integer. */
function toInteger(value: Value, type: string, range: {min: number; max: number}): number {
  const number = toNumberOrFail(scalarOf(value, type), type);
  const floor = Math.floor(number);
  const diff = number - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  if (rounded < range.min || rounded > range.max || !Number.isFinite(rounded))
    throw new CmdletError(
      'InvalidValue',
      `Cannot convert value "${toText(value)}" to type "${type}". Error: "Value was either too large or too small for ${type.replace('System.', 'an ')}."`,
    );
  return rounded;
}

function toChar(value: Value): string {
  if (typeof value === 'string') {
    if (value.length === 1) return value;
    throw new CmdletError(
      'InvalidValue',
      `Cannot convert value "${value}" to type "System.Char". Error: "String must be exactly one character long."`,
    );
  }
  const code = toInteger(value, 'System.Char', {min: 0, max: 0xffff});
  return String.fromCharCode(code);
}

function toDate(value: Value): DateTimeValue {
  if (isDateTime(value)) return value;
  const text = toText(scalarOf(value, 'System.DateTime'));
  const date = asDate(text);
  if (date) return date;
  throw new CmdletError(
    'InvalidValue',
    `Cannot convert value "${text}" to type "System.DateTime". Error: "String '${text}' was not recognized as a valid DateTime."`,
  );
}
