// Which cmdlet lines the console treats as high impact (tier 2: a -WhatIf preview, then the
// target's name typed), whether a key built them or the operator typed them at `:`: the failover
// steps named below. A cmdlet whose ConfirmImpact is High is not listed: it asks its own question
// (Cancel focused) through the session wherever its line comes from, and asking twice teaches
// operators to confirm without reading. `pchat exec` keeps PowerShell's own ConfirmImpact rules.

import {catalog} from '../cmdlets/catalog.js';
import type {CmdletSpec} from '../cmdlets/types.js';
import type {CommandElement, Expr} from '../lang/ast.js';
import {commandsFor} from '../lang/evaluate.js';
import {resolveParameter} from '../lang/param-names.js';
import {parse} from '../lang/parse.js';
import {findCommand} from '../lang/run-pipeline.js';
import {statementPipelines} from '../lang/statement-pipelines.js';

/** A parameter as given on a command: its canonical name and its value (null for a bare switch). */
interface Given {
  readonly name: string;
  readonly value: Expr | null;
}

/** Only adding to or removing from a list leaves the other active servers as they were. */
const changesWholeList = (value: Expr | null): boolean =>
  !(
    value?.kind === 'hashtable' && value.entries.every((e) => ['add', 'remove'].includes(e.key.toLowerCase()))
  );

/** Cmdlets that are high impact in the console, and on which of their parameters. */
const HIGH_IMPACT: Readonly<Record<string, (given: readonly Given[]) => boolean>> = {
  // Failing over or back switches the pool's databases.
  'Set-CsPersistentChatState': () => true,
  // Swapping, replacing or clearing the active list can leave no server in the right data centre.
  'Set-CsPersistentChatActiveServer': (given) =>
    given.some((g) => g.name === 'Swap' || (g.name === 'ActiveServers' && changesWholeList(g.value))),
};

export const isHighImpact = (spec: CmdletSpec, given: readonly Given[]): boolean =>
  HIGH_IMPACT[spec.name]?.(given) ?? false;

/** The parameters a command names, resolved as the binder would; null when one cannot be resolved. */
function givenOf(spec: CmdletSpec, elements: readonly CommandElement[]): Given[] | null {
  const given: Given[] = [];
  for (const [i, element] of elements.entries()) {
    if (element.kind !== 'parameter') continue;
    const next = elements[i + 1];
    try {
      const {name} = resolveParameter(spec, element.name);
      const value = element.value ?? (next?.kind === 'argument' ? next.value : null);
      given.push({name, value});
    } catch {
      return null;
    }
  }
  return given;
}

/**
 * For a typed line with a high-impact command: the same line with -WhatIf after every command
 * that changes data, so its preview writes nothing. Null for any other line; a line that asks for
 * -WhatIf itself only previews, and one that does not parse or names a parameter the binder
 * would refuse runs nothing.
 */
export function highImpactPreview(line: string): string | null {
  const parsed = parse(line);
  if (!parsed.ok) return null;
  const commands = commandsFor(catalog);
  let high = false;
  const ends: number[] = [];
  for (const statement of parsed.statements) {
    for (const stage of statementPipelines(statement).flatMap((pipeline) => pipeline.stages)) {
      if (stage.kind !== 'command') continue;
      const spec = findCommand(commands, stage.name);
      const given = spec ? givenOf(spec, stage.elements) : null;
      if (!spec || !given || !spec.mutates || given.some((g) => g.name === 'WhatIf')) continue;
      high ||= isHighImpact(spec, given);
      ends.push(stage.span.end);
    }
  }
  if (!high) return null;
  return ends
    .sort((a, b) => b - a)
    .reduce((text, end) => `${text.slice(0, end)} -WhatIf${text.slice(end)}`, line);
}
