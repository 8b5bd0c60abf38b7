// Write-Output [-InputObject] values [-NoEnumerate].

import type {Value} from '../../cmdlets/types.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const writeOutput = builtin({
  name: 'Write-Output',
  summary: 'Writes objects to the pipeline.',
  description:
    'Passes the given objects, or the piped ones, to the next command, or shows them at the end of the pipeline. A list is written item by item unless -NoEnumerate is given.',
  params: {
    InputObject: {
      type: 'object',
      position: 0,
      pipeline: 'value',
      nullable: true,
      help: 'The objects to write.',
    },
    NoEnumerate: {type: 'switch', help: 'Writes a list as one object.'},
  },
  examples: [
    {code: 'Write-Output "Rooms:"', remarks: 'Writes the text "Rooms:".'},
    {
      code: 'Write-Output (Get-CsPersistentChatRoom).Count',
      remarks: 'Writes the number of rooms.',
    },
  ],
  process(ctx, args, input) {
    for (const item of inputItems(args, input)) {
      if (Array.isArray(item) && args['NoEnumerate'] !== true) for (const v of item as Value[]) ctx.write(v);
      else ctx.write(item);
    }
  },
});
