// Get-Credential [-UserName] X: a credential that names a user. The model holds no passwords,
// so there is nothing to prompt for.

import {builtin} from './types.js';

export const getCredential = builtin({
  name: 'Get-Credential',
  summary: 'Creates a credential object for a user name.',
  description:
    'Returns a credential for the user name given, for the cmdlet parameters that take one (-SenderCredential, -ReceiverCredential, -Credential). No password is asked for or kept: credentials here name a user and nothing more.',
  params: {
    UserName: {
      type: 'string',
      position: 0,
      required: true,
      aliases: ['Credential'],
      help: 'The user, such as EXAMPLE\\ana.',
    },
    Message: {type: 'string', help: 'Accepted for compatibility; there is no prompt to show it in.'},
  },
  examples: [
    {
      code: '$cred = Get-Credential "EXAMPLE\\ana"',
      remarks: 'Stores a credential for EXAMPLE\\ana in $cred.',
    },
  ],
  process(ctx, args) {
    ctx.write({kind: 'credential', userName: args['UserName'] as string});
  },
});
