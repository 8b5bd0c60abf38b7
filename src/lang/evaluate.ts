// evaluateLine: a LINE in, its LineResult out. Parse errors stop the whole line before
// anything runs; after that each statement runs in order on the state the previous one left.

import type {CmdletSpec, Value} from '../cmdlets/types.js';
import type {EvalOptions, LineResult} from './api.js';
import {builtinCommands} from './builtins/index.js';
import {newLineEnv, TimeBudgetExceeded, type LineEnv} from './context.js';
import {parse} from './parse.js';
import {runScriptBlock} from './run-script-block.js';
import {runNested, runStatements} from './run-statements.js';
import {isCmdletError} from '../domain/errors.js';

export function evaluateLine(source: string, options: EvalOptions): LineResult {
  const env = newLineEnv(options, commandsFor(options.catalog));
  env.runNested = (body) => runNested(env, body);
  env.runBlock = (block, current) => runScriptBlock(env, block, current);
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
  try {
    return result(source, env, runStatements(env, parsed.statements));
  } catch (error) {
    if (
      !(error instanceof TimeBudgetExceeded) &&
      !(isCmdletError(error) && error.errorId === 'LimitExceeded')
    )
      throw error;
    return stopped(source, env, error.message);
  }
}

/** A line past a limit keeps nothing it did: no state, effects or targets, no output. */
function stopped(source: string, env: LineEnv, message: string): LineResult {
  env.state = env.options.state;
  env.effects.length = 0;
  env.targets.length = 0;
  env.errors.push({cmdlet: 'Expression', errorId: 'LimitExceeded', message, target: null, parameter: null});
  return result(source, env, []);
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
