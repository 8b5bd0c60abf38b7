// ConvertFrom-Json [-InputObject] text [-AsHashtable] [-NoEnumerate]: JSON text into objects.

import sjson from 'secure-json-parse';
import type {Value} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {boundedValue} from '../value-size.js';
import {toText} from '../values.js';
import {builtin} from './types.js';

export const convertFromJson = builtin({
  name: 'ConvertFrom-Json',
  summary: 'Converts JSON text into objects.',
  description:
    'Reads the input strings, joined by new lines, as one JSON document. Objects become objects with the same properties (or hashtables with -AsHashtable); a top-level array is output item by item unless -NoEnumerate. Text with a "__proto__" or "constructor.prototype" key is refused.',
  params: {
    InputObject: {
      type: 'string',
      position: 0,
      pipeline: 'value',
      help: 'The JSON text; usually piped in.',
    },
    AsHashtable: {type: 'switch', help: 'Makes each JSON object a hashtable.'},
    NoEnumerate: {type: 'switch', help: 'Outputs a top-level array as one object.'},
  },
  examples: [
    {
      code: '\'{"Name":"Sales","Privacy":"Open"}\' | ConvertFrom-Json',
      remarks: 'An object with the properties Name and Privacy.',
    },
    {
      code: '$rooms = Get-CsPersistentChatRoom | ConvertTo-Json | ConvertFrom-Json',
      remarks: 'Copies of the rooms, as plain objects.',
    },
  ],
  process(ctx, args, input) {
    const text =
      input === null ? ((args['InputObject'] as string | undefined) ?? '') : input.map(toText).join('\n');
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = sjson.parse(text, undefined, {protoAction: 'error', constructorAction: 'error'});
    } catch (error) {
      throw new CmdletError(
        'InvalidValue',
        `Conversion from JSON failed: ${error instanceof Error ? error.message : String(error)}`,
        {parameter: 'InputObject'},
      );
    }
    const value = boundedValue(fromJson(parsed, args['AsHashtable'] === true));
    if (Array.isArray(value) && args['NoEnumerate'] !== true)
      for (const item of value as Value[]) ctx.write(item);
    else ctx.write(value);
  },
});

/** PowerShell's default -Depth of ConvertFrom-Json; deeper text is refused rather than recursed into. */
const MAX_DEPTH = 1024;

function fromJson(value: unknown, asHashtable: boolean, level = 0): Value {
  if (level > MAX_DEPTH)
    throw new CmdletError('LimitExceeded', `The JSON is nested more than ${MAX_DEPTH} levels deep.`, {
      parameter: 'InputObject',
    });
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (Array.isArray(value)) return value.map((item) => fromJson(item, asHashtable, level + 1));
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => [key, fromJson(item, asHashtable, level + 1)] as const,
  );
  if (asHashtable) return {kind: 'hashtable', entries};
  const object: Record<string, Value> = {};
  // Keys come from the text: define them, so that no key can reach the prototype.
  for (const [key, item] of entries)
    Object.defineProperty(object, key, {value: item, enumerable: true, writable: true, configurable: true});
  return object;
}
