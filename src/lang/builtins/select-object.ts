// Select-Object [-Property] A,@{Name="N"; Expression={$_.B}} [-First N] [-Last N] [-Skip N] [-Index I,J] [-Unique] [-ExpandProperty P].

import type {PsObject, Value} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {toNumber} from '../compare.js';
import {findProperty, getMember, isHashtable, isPsObject, toText} from '../values.js';
import {calculated} from './format-properties.js';
import {hasWildcard, matchWildcard} from '../wildcard.js';
import {builtin} from './types.js';

export const selectObject = builtin({
  name: 'Select-Object',
  summary: 'Selects objects, or properties of objects, from the pipeline.',
  description:
    'With -Property, outputs new objects that have only the named properties, in the order given (names match without regard to case and may use wildcards), and calculated properties such as @{Name="Members"; Expression={$_.Members.Count}} (the keys may be shortened to N or L and E). -First, -Last and -Skip pick objects by position; -ExpandProperty outputs the value of one property instead of an object.',
  params: {
    Property: {
      type: 'object',
      position: 0,
      help: 'The properties to keep, in this order. Wildcards such as *Url are allowed; a calculated property @{Name="Members"; Expression={$_.Members.Count}} adds a property of that name, whose Expression is a property name or a block that reads a property of $_.',
    },
    ExpandProperty: {
      type: 'string',
      help: 'Outputs the value of this property; a list is output item by item.',
    },
    First: {type: 'int', min: 0, help: 'Keeps this many objects from the start.'},
    Last: {type: 'int', min: 0, help: 'Keeps this many objects from the end.'},
    Skip: {type: 'int', min: 0, help: 'Leaves out this many objects from the start.'},
    Index: {
      type: 'object',
      help: 'Keeps the objects at these positions, counted from 0.',
    },
    Unique: {
      type: 'switch',
      help: 'Leaves out an object identical to one already output (text compares with case).',
    },
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to select from; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | Select-Object Identity,Privacy',
      remarks: 'Shows each room with only its identity and privacy.',
    },
    {code: 'Get-CsPersistentChatRoom | Select-Object -First 1', remarks: 'Returns the first room.'},
    {
      code: 'Get-CsPersistentChatRoom | Select-Object -Property Privacy -Unique',
      remarks: 'Returns each privacy setting once, as objects with one property.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Select-Object Name,@{Name="Members"; Expression={$_.Members.Count}}',
      remarks: 'Returns each room with its name and its number of members.',
    },
    {
      code: 'Get-CsPersistentChatCategory | Select-Object -ExpandProperty Name',
      remarks: 'Returns the category names as strings.',
    },
  ],
  process(ctx, args, input) {
    const items = pick(input ?? ('InputObject' in args ? [args['InputObject'] as Value] : []), args);
    const expand = args['ExpandProperty'] as string | undefined;
    const property = args['Property'] as Value | undefined;
    const properties = property === undefined || property === null ? undefined : listOf(property);
    const seen = args['Unique'] === true ? new Set<string>() : null;
    const write = (value: Value): void => {
      // Spec note: -Unique compares the selected values as their JSON text, so case counts, as in PowerShell.
      const key = seen ? JSON.stringify(value) : '';
      if (seen?.has(key)) return;
      seen?.add(key);
      ctx.write(value);
    };
    for (const item of items) {
      if (expand !== undefined) {
        // Spec note: -ExpandProperty wins over -Property; adding properties to expanded values is not supported.
        const value = expandProperty(item, expand);
        if (value instanceof CmdletError) ctx.error(value);
        else if (Array.isArray(value)) for (const v of value as Value[]) write(v);
        else if (value !== null) write(value);
      } else {
        write(properties ? project(item, properties) : item);
      }
    }
  },
});

function pick(items: readonly Value[], args: Readonly<Record<string, unknown>>): readonly Value[] {
  // As PowerShell: objects come in input order, once each; a position past the end or below 0 picks nothing.
  if ('Index' in args) {
    const wanted = new Set(indexes(args['Index'] as Value));
    return items.filter((_item, i) => wanted.has(i));
  }
  const rest = items.slice((args['Skip'] as number | undefined) ?? 0);
  const first = args['First'] as number | undefined;
  const last = args['Last'] as number | undefined;
  if (first === undefined && last === undefined) return rest;
  const head = first === undefined ? [] : rest.slice(0, first);
  const tail = last === undefined || last === 0 ? [] : rest.slice(Math.max(head.length, rest.length - last));
  return [...head, ...tail];
}

function expandProperty(item: Value, name: string): Value | CmdletError {
  const found = isPsObject(item) ? findProperty(item, name) : undefined;
  if (found) return found.value;
  const member = getMember(item, name);
  if (member !== null) return member;
  return new CmdletError('ExpandPropertyNotFound', `Property "${name}" cannot be found.`, {
    parameter: 'ExpandProperty',
  });
}

const listOf = (value: Value): readonly Value[] => (Array.isArray(value) ? (value as Value[]) : [value]);

/**
 * A new object with the requested properties; names keep the spelling given, wildcards expand in
 * the object's order, a calculated property is read as Format-Table reads it (format-properties.ts).
 */
function project(item: Value, properties: readonly Value[]): PsObject {
  const result: Record<string, Value> = {};
  // Names are typed by the operator: define them, so "__proto__" is a property like any other.
  const put = (key: string, value: Value): void => {
    Object.defineProperty(result, key, {value, enumerable: true, writable: true, configurable: true});
  };
  for (const spec of properties) {
    if (isHashtable(spec)) {
      const column = calculated(spec);
      put(column.label, column.read(item));
      continue;
    }
    const name = typeof spec === 'string' ? spec : toText(spec);
    if (hasWildcard(name) && isPsObject(item)) {
      for (const key of Object.keys(item)) if (matchWildcard(name, key)) put(key, item[key] ?? null);
    } else {
      put(name, isPsObject(item) ? (findProperty(item, name)?.value ?? null) : getMember(item, name));
    }
  }
  return result;
}

function indexes(value: Value): number[] {
  const list = Array.isArray(value) ? (value as Value[]) : [value];
  return list.map((item) => {
    const index = toNumber(item);
    if (!Number.isInteger(index))
      throw new CmdletError('InvalidValue', `-Index takes whole numbers; "${toText(item)}" is not one.`, {
        parameter: 'Index',
      });
    return index;
  });
}
