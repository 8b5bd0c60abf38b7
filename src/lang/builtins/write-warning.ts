// Write-Warning [-Message] text: a warning record, shown as `WARNING: text`.

import {CmdletError} from '../../domain/errors.js';
import {toText} from '../values.js';
import {builtin} from './types.js';

export const writeWarning = builtin({
  name: 'Write-Warning',
  summary: 'Writes a warning.',
  description:
    'Writes the message as a warning: it is shown as "WARNING: <message>", on standard error in pchat exec, and the line still succeeds.',
  params: {
    Message: {
      type: 'string',
      position: 0,
      pipeline: 'value',
      help: 'The text of the warning; or pipe it in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | ForEach-Object {"Room $($_.Name) is $($_.Privacy)."} | Write-Warning',
      remarks: 'Writes one warning for each room.',
    },
    {code: 'Write-Warning "Check the pool before the failover."', remarks: 'Writes the warning.'},
  ],
  process(ctx, args, input) {
    if (input === null && args['Message'] === undefined)
      throw new CmdletError('MissingParameter', 'Write-Warning needs -Message, the text of the warning.', {
        parameter: 'Message',
      });
    const messages = input === null ? [args['Message'] as string] : input.map(toText);
    for (const message of messages) ctx.warn('WriteWarning', message);
  },
});
