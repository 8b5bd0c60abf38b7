// Sort-Object [-Property] A,{$_.B.Length} [-Descending] [-Unique] [-CaseSensitive].

import type {Value} from '../../cmdlets/types.js';
import {getMember, isScriptBlock, toText} from '../values.js';
import {inputItems} from './input-items.js';
import {sortOrder} from './sort-order.js';
import {builtin} from './types.js';

export const sortObject = builtin({
  name: 'Sort-Object',
  summary: 'Sorts objects by property values.',
  description:
    'Sorts the input objects by the named properties, the first property first; a script block such as {$_.Name.Length} sorts by what it outputs for each object. Without -Property, by the objects themselves. $null sorts first, numbers numerically and text alphabetically without regard to case (-CaseSensitive puts lower case first). Objects that compare equal keep their order.',
  params: {
    Property: {
      type: 'object',
      position: 0,
      help: 'The properties to sort by, in order of importance: names, or script blocks such as {$_.Name.Length}.',
    },
    Descending: {type: 'switch', help: 'Sorts from the largest to the smallest.'},
    Unique: {type: 'switch', help: 'Keeps only the first of the objects that compare equal.'},
    CaseSensitive: {type: 'switch', help: 'Tells upper and lower case apart.'},
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to sort; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | Sort-Object Name -Descending',
      remarks: 'Returns the rooms from Z to A.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Sort-Object Category,Name',
      remarks: 'Returns the rooms by category, then by name within a category.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Sort-Object {$_.Name.Length},Name',
      remarks: 'Returns the rooms by the length of their names, then by name.',
    },
    {
      code: 'Get-CsPersistentChatRoom | ForEach-Object {$_.Privacy} | Sort-Object -Unique',
      remarks: 'Returns each privacy setting once.',
    },
  ],
  process(ctx, args, input) {
    const property = args['Property'] as Value | undefined;
    const properties: readonly Value[] =
      property === undefined || property === null
        ? []
        : Array.isArray(property)
          ? (property as Value[])
          : [property];
    // A block's output is its key, one item as itself, as a pipeline used as a value.
    const keyOf = (item: Value, spec: Value): Value => {
      if (!isScriptBlock(spec)) return getMember(item, typeof spec === 'string' ? spec : toText(spec));
      const output = ctx.runBlock(spec, item);
      return output.length === 0 ? null : output.length === 1 ? output[0]! : output;
    };
    const caseSensitive = args['CaseSensitive'] === true;
    const direction = args['Descending'] === true ? -1 : 1;
    const keyed = inputItems(args, input).map((item) => ({
      item,
      keys: properties.length === 0 ? [item] : properties.map((p) => keyOf(item, p)),
    }));
    const compare = (a: readonly Value[], b: readonly Value[]): number => {
      for (const [i, key] of a.entries()) {
        const order = sortOrder(key, b[i] ?? null, caseSensitive);
        if (order !== 0) return order;
      }
      return 0;
    };
    keyed.sort((a, b) => direction * compare(a.keys, b.keys));
    let previous: readonly Value[] | undefined;
    for (const {item, keys} of keyed) {
      if (args['Unique'] === true && previous && compare(previous, keys) === 0) continue;
      previous = keys;
      ctx.write(item);
    }
  },
});
