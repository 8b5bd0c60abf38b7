// Export-Csv [-Path] name [-Delimiter c] [-UseQuotes m] [-Force] [-NoClobber]: CSV in a file.

import {csvLines} from './csv-lines.js';
import {csvOptions, csvParams} from './csv-params.js';
import {appendsToFile, fileParams, writeOperatorFile} from './file-output.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const exportCsv = builtin({
  name: 'Export-Csv',
  summary: "Writes objects as comma-separated values to a file under the store's exports directory.",
  description:
    "Writes the lines ConvertTo-Csv gives to a new file under the store's exports directory, in UTF-8, written in the same commit as the line. A Windows path stands for the file of its last name there. An existing file is never replaced unless -Force is given; -WhatIf writes nothing.",
  permission: 'data',
  mutates: true,
  supportsShouldProcess: true,
  params: {
    Path: {
      type: 'string',
      position: 0,
      required: true,
      aliases: ['FilePath', 'LiteralPath'],
      help: "The file's name under the exports directory.",
    },
    ...csvParams,
    ...fileParams,
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to export; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | Select-Object Name,Privacy,Category | Export-Csv rooms.csv',
      remarks: 'Writes the name, privacy and category of every room to exports/rooms.csv.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Export-Csv -Path "C:\\Reports\\rooms.csv" -NoTypeInformation -Force',
      remarks: 'Writes exports/rooms.csv, replacing the file if it exists.',
    },
  ],
  process(ctx, args, input) {
    // Spec note: appended rows keep the objects' own column order; the existing header is not read.
    const header = args['NoHeader'] !== true && !appendsToFile(ctx, args, 'Path');
    const lines = csvLines(inputItems(args, input), csvOptions(args), header);
    writeOperatorFile(ctx, args, 'Path', lines.map((line) => `${line}\n`).join(''));
  },
});
