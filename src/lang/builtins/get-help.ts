// Get-Help [[-Name] X] [-Examples | -Detailed | -Full]: help text from the command table.

import type {CmdletSpec} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {OVERVIEW, helpText, type HelpView} from '../help-text.js';
import {closestName} from '../suggest.js';
import {hasWildcard, matchWildcard} from '../wildcard.js';
import {builtin} from './types.js';

export const getHelp = builtin({
  name: 'Get-Help',
  summary: 'Shows help for a cmdlet: its syntax, parameters and examples.',
  description:
    'Shows the help of a cmdlet or built-in command. -Examples shows only the examples; -Detailed adds every parameter; -Full adds the technical details of each parameter. A wildcard pattern lists the matching commands with their synopsis.',
  parameterSets: ['AllUsersView', 'Examples', 'Detailed', 'Full'],
  params: {
    Name: {type: 'string', position: 0, help: 'The cmdlet, or a wildcard pattern such as *Room*.'},
    Examples: {
      type: 'switch',
      required: true,
      sets: ['Examples'],
      help: 'Shows only the name, synopsis and examples.',
    },
    Detailed: {
      type: 'switch',
      required: true,
      sets: ['Detailed'],
      help: 'Adds the description of every parameter and the examples.',
    },
    Full: {
      type: 'switch',
      required: true,
      sets: ['Full'],
      help: 'Adds the technical details of every parameter.',
    },
  },
  examples: [
    {
      code: 'Get-Help Set-CsPersistentChatRoom -Examples',
      remarks: 'Shows the documented examples of Set-CsPersistentChatRoom.',
    },
    {code: 'Get-Help *Category*', remarks: 'Lists the commands whose name contains "Category".'},
  ],
  process(ctx, args, _input, set) {
    const name = args['Name'] as string | undefined;
    if (name === undefined) return ctx.write(OVERVIEW);
    const commands = ctx.commands;
    const exact = commands.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (exact) return ctx.write(helpText(exact, viewOf(set)));
    const matches = hasWildcard(name) ? commands.filter((c) => matchWildcard(name, c.name)) : [];
    if (matches.length > 0) return ctx.write(listing(matches));
    const suggestion = closestName(
      name,
      commands.map((c) => c.name),
    );
    throw new CmdletError(
      'HelpNotFound',
      `Get-Help could not find ${name} in the command table.${suggestion ? ` Did you mean '${suggestion}'?` : ' Get-Command lists the commands there are.'}`,
      {target: name, parameter: 'Name'},
    );
  },
});

const viewOf = (set: string): HelpView =>
  set === 'Examples' ? 'examples' : set === 'Detailed' ? 'detailed' : set === 'Full' ? 'full' : 'default';

function listing(commands: readonly CmdletSpec[]): string {
  const sorted = [...commands].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const width = Math.max(4, ...sorted.map((c) => c.name.length));
  return [
    `${'Name'.padEnd(width)}  Synopsis`,
    `${'----'.padEnd(width)}  --------`,
    ...sorted.map((c) => `${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}
