// ForEach-Object {block} (alias % and foreach), and the member form `ForEach-Object Name`.

import type {Value} from '../../cmdlets/types.js';
import {getMember} from '../values.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const foreachObject = builtin({
  name: 'ForEach-Object',
  summary: 'Runs a script block for each object in the pipeline, or reads one property of each.',
  description:
    'With a script block, outputs what the block returns for each input object; inside the block, $_ is the current object and the variables of the script can be read. With a property name (ForEach-Object Name), outputs the value of that property of each object. A list is output item by item.',
  parameterSets: ['ScriptBlock', 'PropertyAndMethod'],
  params: {
    Process: {
      type: 'scriptblock',
      position: 0,
      required: true,
      sets: ['ScriptBlock'],
      help: 'The block to run for each object, such as {$_.Name} or {"$($_.Name): $($_.Privacy)"}.',
    },
    MemberName: {
      type: 'string',
      position: 0,
      required: true,
      sets: ['PropertyAndMethod'],
      help: 'The property whose value is output for each object.',
    },
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to process; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | ForEach-Object {$_.Name}',
      remarks: 'Returns the name of each room.',
    },
    {
      code: 'Get-CsPersistentChatRoom | % {"$($_.Name) is $($_.Privacy)"}',
      remarks: 'Returns a line of text for each room.',
    },
    {
      code: 'Get-CsPersistentChatCategory | ForEach-Object Identity',
      remarks: 'The member form: returns the identity of each category.',
    },
  ],
  process(ctx, args, input, set) {
    for (const item of inputItems(args, input)) {
      const out: Value[] =
        set === 'ScriptBlock'
          ? ctx.runBlock(args['Process'], item)
          : enumerated(getMember(item, args['MemberName'] as string));
      for (const value of out) ctx.write(value);
    }
  },
});

/** A missing property outputs nothing in the member form; a list is output item by item. */
const enumerated = (value: Value): Value[] =>
  value === null ? [] : Array.isArray(value) ? [...(value as Value[])] : [value];
