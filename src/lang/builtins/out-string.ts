// Out-String [-Stream]: the input as the text it would be shown as.

import {listView} from '../present/list-view.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const outString = builtin({
  name: 'Out-String',
  summary: 'Turns objects into the text they are shown as.',
  description:
    'Outputs one string holding the text the input would be shown as at the end of the pipeline, each line ended by a new line; -Stream outputs each line as its own string.',
  params: {
    Stream: {type: 'switch', help: 'Outputs one string per line.'},
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to turn into text; usually piped in.',
    },
  },
  examples: [
    {
      code: '$text = Get-CsPersistentChatCategory | Out-String',
      remarks: 'Keeps the list view of the categories in $text, as one string.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Out-String -Stream | Where-Object {$_ -like "Privacy*"}',
      remarks: "The Privacy line of each room, from the rooms' list view.",
    },
  ],
  process(ctx, args, input) {
    const lines = listView(inputItems(args, input));
    if (args['Stream'] === true) for (const line of lines) ctx.write(line);
    else if (lines.length > 0) ctx.write(lines.map((line) => `${line}\n`).join(''));
  },
});
