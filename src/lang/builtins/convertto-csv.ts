// ConvertTo-Csv [-Delimiter c] [-UseQuotes Always|AsNeeded|Never] [-NoTypeInformation] [-NoHeader].

import {csvLines} from './csv-lines.js';
import {csvOptions, csvParams} from './csv-params.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const convertToCsv = builtin({
  name: 'ConvertTo-Csv',
  summary: 'Converts objects to lines of comma-separated values.',
  description:
    'Outputs a header line with the property names of the first object, then one line per object, each value in double quotes, as PowerShell 7 does (no #TYPE line). Lists are written as System.Object[]; select the properties you want first.',
  params: {
    ...csvParams,
    InputObject: {
      type: 'object',
      position: 0,
      pipeline: 'value',
      nullable: true,
      help: 'The objects to convert; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | Select-Object Name,Privacy | ConvertTo-Csv',
      remarks: 'The name and privacy of each room, as CSV lines.',
    },
    {
      code: 'Get-CsPersistentChatCategory | Select-Object Name | ConvertTo-Csv -UseQuotes AsNeeded -Delimiter ";"',
      remarks: 'Category names separated by semicolons, quoted only where needed.',
    },
  ],
  process(ctx, args, input) {
    for (const line of csvLines(inputItems(args, input), csvOptions(args), args['NoHeader'] !== true))
      ctx.write(line);
  },
});
