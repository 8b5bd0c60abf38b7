// Which commands a line would run, read from its syntax tree: the console's read-only gate and
// its completion ask this, so the language's own tokenizer and aliases decide, never a copy.

import type {CmdletSpec} from '../cmdlets/types.js';
import type {Statement} from './ast.js';
import {commandsFor} from './evaluate.js';
import {parse} from './parse.js';
import {findCommand} from './run-pipeline.js';
import {statementPipelines} from './statement-pipelines.js';

const namesIn = (statement: Statement): string[] =>
  statementPipelines(statement).flatMap((pipeline) =>
    pipeline.stages.flatMap((stage) => (stage.kind === 'command' ? [stage.name] : [])),
  );

/** The command names a line mentions, as typed; none when the line does not parse (it cannot run). */
export function commandNamesIn(line: string): string[] {
  const parsed = parse(line);
  return parsed.ok ? parsed.statements.flatMap(namesIn) : [];
}

/** The commands a line would run, resolved through the cmdlet table, the builtins and their aliases. */
export function commandsIn(line: string, catalog: readonly CmdletSpec[]): CmdletSpec[] {
  const commands = commandsFor(catalog);
  return commandNamesIn(line).flatMap((name) => findCommand(commands, name) ?? []);
}

/** The first name in a line that is no command at all, or null; a line that does not parse is left to the parser's own error. */
export function unknownCommandIn(line: string, catalog: readonly CmdletSpec[]): string | null {
  const commands = commandsFor(catalog);
  return commandNamesIn(line).find((name) => findCommand(commands, name) === undefined) ?? null;
}
