// Write-Host [-Object] values [-NoNewline] [-Separator s].

import type {Value} from '../../cmdlets/types.js';
import {toText} from '../values.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const writeHost = builtin({
  name: 'Write-Host',
  summary: 'Shows text to the operator.',
  description:
    'Shows the given values as one line of text, separated by spaces (or by -Separator); a list shows its items. Spec note: there is no separate host stream, so the line is part of the output, after the output written before it.',
  params: {
    Object: {
      type: 'object',
      position: 0,
      pipeline: 'value',
      nullable: true,
      help: 'The values to show.',
    },
    NoNewline: {
      type: 'switch',
      help: 'Accepted for compatibility: each Write-Host shows its own line.',
    },
    Separator: {type: 'string', help: 'The text put between the values (a space by default).'},
  },
  examples: [
    {code: 'Write-Host "Checking the rooms..."', remarks: 'Shows the text.'},
    {
      code: 'Write-Host (Get-CsPersistentChatRoom).Name -Separator ", "',
      remarks: 'Shows the room names on one line, separated by commas.',
    },
  ],
  process(ctx, args, input) {
    const separator = (args['Separator'] as string | undefined) ?? ' ';
    const items = input === null ? [(args['Object'] ?? null) as Value] : inputItems(args, input);
    for (const item of items) {
      const parts = Array.isArray(item) ? (item as Value[]) : [item];
      ctx.write(parts.map(toText).join(separator));
    }
  },
});
