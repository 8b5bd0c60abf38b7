// Out-File [-FilePath] name [-Force] [-NoClobber] [-Encoding utf8]: the output's text in a file.

import {listView} from '../present/list-view.js';
import {fileParams, writeOperatorFile} from './file-output.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const outFile = builtin({
  name: 'Out-File',
  summary: "Writes the output, as it would be shown, to a file under the store's exports directory.",
  description:
    "Writes the text the input would be shown as to a new file under the store's exports directory, in UTF-8, written in the same commit as the line. A Windows path stands for the file of its last name there. An existing file is never replaced unless -Force is given; -WhatIf writes nothing.",
  permission: 'data',
  mutates: true,
  supportsShouldProcess: true,
  params: {
    FilePath: {
      type: 'string',
      position: 0,
      required: true,
      help: "The file's name under the exports directory.",
    },
    ...fileParams,
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to write; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | Out-File rooms.txt',
      remarks: "Writes the rooms' list view to exports/rooms.txt.",
    },
    {
      code: 'Get-CsPersistentChatCategory | Out-File C:\\Reports\\categories.txt -Force',
      remarks: 'Writes exports/categories.txt, replacing the file if it exists.',
    },
  ],
  process(ctx, args, input) {
    const text = listView(inputItems(args, input))
      .map((line) => `${line}\n`)
      .join('');
    writeOperatorFile(ctx, args, 'FilePath', text);
  },
});
