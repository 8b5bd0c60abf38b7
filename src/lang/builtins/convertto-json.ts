// ConvertTo-Json [-Depth N] [-Compress] [-AsArray]: values as JSON text, as PowerShell 7 writes it.

import type {Value} from '../../cmdlets/types.js';
import {inlineValue} from '../present/inline-value.js';
import {dateIso, timeSpanProperties} from '../date-values.js';
import {
  isArrayValue,
  isByteArray,
  isDateTime,
  isHashtable,
  isPsObject,
  isTimeSpan,
  toText,
} from '../values.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const convertToJson = builtin({
  name: 'ConvertTo-Json',
  summary: 'Converts objects to JSON text.',
  description:
    'Outputs the input as one JSON string: one object as an object, several as an array. Objects nested deeper than -Depth (2 by default, as in PowerShell) are written as their text, with a warning. Indented by two spaces unless -Compress.',
  params: {
    Depth: {
      type: 'int',
      min: 0,
      max: 100,
      help: 'How many levels of nested objects to write (2 by default).',
    },
    Compress: {type: 'switch', help: 'Writes the JSON on one line, without spaces.'},
    AsArray: {type: 'switch', help: 'Writes a JSON array even for a single object.'},
    InputObject: {
      type: 'object',
      position: 0,
      pipeline: 'value',
      nullable: true,
      help: 'The objects to convert; usually piped in.',
    },
  },
  examples: [
    {code: 'Get-CsPersistentChatRoom | ConvertTo-Json', remarks: 'The rooms as a JSON array.'},
    {
      code: 'Get-CsPersistentChatCategory | Select-Object Name,Identity | ConvertTo-Json -Compress',
      remarks: 'The name and identity of each category, as JSON on one line.',
    },
  ],
  process(ctx, args, input) {
    const items = inputItems(args, input);
    if (items.length === 0) return;
    const value = items.length === 1 && args['AsArray'] !== true ? items[0]! : items;
    const depth = (args['Depth'] as number | undefined) ?? 2;
    let truncated = false;
    const tree = toJsonTree(value, 0, depth, () => {
      truncated = true;
    });
    if (truncated)
      ctx.warn(
        'JsonTruncated',
        `Resulting JSON is truncated as serialization has exceeded the set depth of ${depth}.`,
      );
    ctx.write(JSON.stringify(tree, null, args['Compress'] === true ? undefined : 2));
  },
});

type Json = null | string | number | boolean | Json[] | {[key: string]: Json};

/** Containers below the depth limit become their text, as PowerShell's ToString() gives it. */
function toJsonTree(value: Value, level: number, depth: number, truncated: () => void): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (isByteArray(value)) return Buffer.from(value.data).toString('base64');
  if (isDateTime(value)) return dateIso(value);
  const entries = isHashtable(value)
    ? value.entries
    : isTimeSpan(value)
      ? timeSpanProperties(value)
      : isPsObject(value)
        ? Object.entries(value)
        : null;
  if (!isArrayValue(value) && entries === null) return toText(value);
  if (level > depth) {
    truncated();
    return isPsObject(value) ? inlineValue(value) : toText(value);
  }
  if (isArrayValue(value)) return value.map((item) => toJsonTree(item, level + 1, depth, truncated));
  const object: {[key: string]: Json} = {};
  for (const [key, item] of entries ?? [])
    Object.defineProperty(object, key, {
      value: toJsonTree(item, level + 1, depth, truncated),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return object;
}
