// Get-Command [[-Name] pattern] [-Verb v] [-Noun n]: the commands there are, from the table.
// Spec note: an alias is listed ("ft -> Format-Table") when a -Name matches it, as PowerShell
// lists it; Get-Command without -Name, or with -Verb or -Noun, lists the commands only.

import type {CmdletSpec} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {closestName} from '../suggest.js';
import {hasWildcard, matchWildcard} from '../wildcard.js';
import {COMMAND_ALIASES} from './command-aliases.js';
import {builtin} from './types.js';

export const getCommand = builtin({
  name: 'Get-Command',
  summary: 'Lists the commands you can run.',
  description:
    'Lists the cmdlets and built-in commands, optionally those whose name matches a wildcard pattern, verb or noun. An alias whose name matches -Name is listed with the command it stands for (ft -> Format-Table).',
  params: {
    Name: {type: 'string[]', position: 0, help: 'Names or wildcard patterns, such as *PersistentChat*.'},
    Verb: {type: 'string[]', help: 'Only commands with this verb (Get, Set, ...); wildcards allowed.'},
    Noun: {type: 'string[]', help: 'Only commands with this noun; wildcards allowed.'},
  },
  examples: [
    {code: 'Get-Command *PersistentChat*', remarks: 'Lists the Persistent Chat cmdlets.'},
    {code: 'Get-Command -Verb Set', remarks: 'Lists the cmdlets that change settings.'},
    {code: 'Get-Command ft', remarks: 'Shows that ft is an alias of Format-Table.'},
  ],
  process(ctx, args) {
    const names = args['Name'] as readonly string[] | undefined;
    const verbs = args['Verb'] as readonly string[] | undefined;
    const nouns = args['Noun'] as readonly string[] | undefined;
    const aliases = names && !verbs && !nouns ? Object.entries(COMMAND_ALIASES) : [];
    const entries = [
      ...ctx.commands.map((c) => ({name: c.name, target: null as string | null})),
      ...aliases.map(([name, target]) => ({name, target})),
    ].sort((a, b) => a.name.localeCompare(b.name, 'en'));
    // A name without wildcards or escapes matches one command's name, whatever its case: those are
    // looked up, not matched against every command one by one (a -Name of a million names).
    const known = new Set(entries.map((e) => e.name.toLowerCase()));
    const plain = new Set<string>();
    const patterns: string[] = [];
    for (const name of names ?? []) {
      if (hasWildcard(name) || name.includes('`')) patterns.push(name);
      else plain.add(name.toLowerCase());
      if (!hasWildcard(name) && !known.has(name.toLowerCase())) ctx.error(notRecognized(name, ctx.commands));
    }
    const named = (name: string): boolean =>
      plain.has(name.toLowerCase()) ||
      patterns.some((p) => {
        ctx.checkTime();
        return matchWildcard(p, name);
      });
    for (const {name, target} of entries) {
      const [verb = '', noun = ''] = name.split(/-(.*)/s);
      if (names && !named(name)) continue;
      if (verbs && !verbs.some((p) => matchWildcard(p, verb))) continue;
      if (nouns && !nouns.some((p) => matchWildcard(p, noun))) continue;
      if (target === null) ctx.write({CommandType: 'Cmdlet', Name: name, Source: 'pchat'});
      else ctx.write({CommandType: 'Alias', Name: `${name} -> ${target}`, Source: ''});
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
