// evaluateLine: a LINE in, its LineResult out. Parse errors stop the whole line before
// anything runs; after that each statement runs in order on the state the previous one left.

import type {CmdletSpec, Value} from '../cmdlets/types.js';
import type {EvalOptions, LineResult} from './api.js';
import type {Statement} from './ast.js';
import {builtinCommands} from './builtins/index.js';
import {newLineEnv, type LineEnv} from './context.js';
import {setVariable} from './evaluate-expr.js';
import {parse} from './parse.js';
import {runPipeline} from './run-pipeline.js';

export function evaluateLine(source: string, options: EvalOptions): LineResult {
  const env = newLineEnv(options, commandsFor(options.catalog));
  env.runNested = (pipeline) => runPipeline(env, pipeline);
  const parsed = parse(source);
  if (!parsed.ok) {
    env.errors.push({
      cmdlet: 'ParserError',
      errorId: 'ParserError',
      message: parsed.error.message,
      target: null,
      parameter: null,
    });
    return result(source, env, []);
  }
  const output: Value[] = [];
  for (const statement of parsed.statements) output.push(...runStatement(env, statement));
  return result(source, env, output);
}

function runStatement(env: LineEnv, statement: Statement): Value[] {
  const items = runPipeline(env, statement.pipeline);
  if (statement.kind === 'pipeline') return items ?? [];
  // A pipeline that could not start leaves the variable as it was.
  if (items !== null)
    setVariable(
      env.options.variables,
      statement.variable,
      items.length === 0 ? null : items.length === 1 ? items[0]! : items,
    );
  return [];
}

const result = (line: string, env: LineEnv, output: Value[]): LineResult => ({
  line,
  output,
  errors: env.errors,
  warnings: env.warnings,
  whatIf: env.whatIf,
  whatIfTargets: env.whatIfTargets,
  state: env.state,
  effects: env.effects,
  targets: env.targets,
  cmdlets: env.cmdlets,
  prompts: env.prompts,
});

const combined = new WeakMap<readonly CmdletSpec[], readonly CmdletSpec[]>();

/** The cmdlet table and the builtins, as one list (cached per table). */
export function commandsFor(catalog: readonly CmdletSpec[]): readonly CmdletSpec[] {
  let commands = combined.get(catalog);
  if (!commands) {
    const names = new Set(catalog.map((c) => c.name.toLowerCase()));
    commands = [...catalog, ...builtinCommands.filter((b) => !names.has(b.name.toLowerCase()))];
    combined.set(catalog, commands);
  }
  return commands;
}
