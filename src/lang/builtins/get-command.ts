// Get-Command [[-Name] pattern] [-Verb v] [-Noun n]: the commands there are, from the table.

import type {CmdletSpec} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {closestName} from '../suggest.js';
import {hasWildcard, matchWildcard} from '../wildcard.js';
import {builtin} from './types.js';

export const getCommand = builtin({
  name: 'Get-Command',
  summary: 'Lists the commands you can run.',
  description:
    'Lists the cmdlets and built-in commands, optionally those whose name matches a wildcard pattern, verb or noun.',
  params: {
    Name: {type: 'string[]', position: 0, help: 'Names or wildcard patterns, such as *PersistentChat*.'},
    Verb: {type: 'string[]', help: 'Only commands with this verb (Get, Set, ...); wildcards allowed.'},
    Noun: {type: 'string[]', help: 'Only commands with this noun; wildcards allowed.'},
  },
  examples: [
    {code: 'Get-Command *PersistentChat*', remarks: 'Lists the Persistent Chat cmdlets.'},
    {code: 'Get-Command -Verb Set', remarks: 'Lists the cmdlets that change settings.'},
  ],
  process(ctx, args) {
    const names = args['Name'] as readonly string[] | undefined;
    const verbs = args['Verb'] as readonly string[] | undefined;
    const nouns = args['Noun'] as readonly string[] | undefined;
    const commands = [...ctx.commands].sort((a, b) => a.name.localeCompare(b.name, 'en'));
    for (const name of names ?? []) {
      if (!hasWildcard(name) && !commands.some((c) => c.name.toLowerCase() === name.toLowerCase()))
        ctx.error(notRecognized(name, commands));
    }
    for (const command of commands) {
      const [verb = '', noun = ''] = command.name.split(/-(.*)/s);
      if (names && !names.some((p) => matchWildcard(p, command.name))) continue;
      if (verbs && !verbs.some((p) => matchWildcard(p, verb))) continue;
      if (nouns && !nouns.some((p) => matchWildcard(p, noun))) continue;
      ctx.write({CommandType: 'Cmdlet', Name: command.name, Source: 'pchat'});
    }
  },
});

const notRecognized = (name: string, commands: readonly CmdletSpec[]): CmdletError => {
  const suggestion = closestName(
    name,
    commands.map((c) => c.name),
  );
  return new CmdletError(
    'CommandNotFound',
    `The term '${name}' is not recognized as a cmdlet, function or operable program.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    {target: name},
  );
};
