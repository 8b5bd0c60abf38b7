// Runs one pipeline. Every command is found, checked for access and bound before anything
// runs, so a mistake anywhere in the line leaves everything untouched. Then stage by stage:
// a stage's output is collected and fed item by item to the next; a failure on one item is
// recorded and the next item still runs.

import type {CmdletSpec, Value} from '../cmdlets/types.js';
import type {ErrorRecord} from './api.js';
import type {Pipeline} from './ast.js';
import {CmdletError, isCmdletError} from '../domain/errors.js';
import {assertAllowed} from '../domain/rbac.js';
import {bindArguments, finalSet, type Binding} from './bind.js';
import {bindInput, type InputBinding} from './bind-input.js';
import {COMMAND_ALIASES} from './builtins/index.js';
import {isBuiltin, type BuiltinContext} from './builtins/types.js';
import {checkTime, createContext, toRecord, type LineEnv} from './context.js';
import {evaluateExpr, NestedPipelineFailed} from './evaluate-expr.js';
import {formatInputError} from './format-input.js';
import {closestName} from './suggest.js';

type Prepared =
  | {readonly kind: 'values'; readonly values: readonly Value[]}
  | {readonly kind: 'command'; readonly binding: Binding; readonly set: string | null};

/** The pipeline's output, or null when it could not start (the error is recorded). */
export function runPipeline(env: LineEnv, pipeline: Pipeline): Value[] | null {
  const prepared = prepare(env, pipeline);
  if (prepared === null) return null;
  let items: readonly Value[] | null = null;
  for (const stage of prepared) {
    if (stage.kind === 'values') {
      items = stage.values;
      continue;
    }
    const refused = formatInputError(stage.binding.cmdlet.name, items);
    if (refused) {
      env.errors.push(refused);
      return null;
    }
    const out: Value[] = [];
    runStage(env, stage.binding, stage.set, items, out);
    items = out;
  }
  return [...(items ?? [])];
}

function prepare(env: LineEnv, pipeline: Pipeline): Prepared[] | null {
  const scope = {variables: env.options.variables, runPipeline: env.runNested, current: env.current};
  const prepared: Prepared[] = [];
  for (const [index, stage] of pipeline.stages.entries()) {
    if (stage.kind === 'expression') {
      try {
        prepared.push({kind: 'values', values: enumerate(evaluateExpr(stage.expr, scope))});
      } catch (error) {
        if (error instanceof NestedPipelineFailed) return null;
        if (!isCmdletError(error)) throw error;
        env.errors.push(toRecord('Expression', error));
        return null;
      }
      continue;
    }
    const cmdlet = findCommand(env.commands, stage.name);
    if (!cmdlet) {
      env.errors.push(notFound(stage.name, env.commands));
      return null;
    }
    try {
      checkAccess(env, cmdlet);
      const binding = bindArguments(cmdlet, stage.elements, scope);
      // Without pipeline input the set is known now; builtins never bind input items.
      const set = index === 0 || isBuiltin(cmdlet) ? finalSet(binding) : null;
      prepared.push({kind: 'command', binding, set});
    } catch (error) {
      if (error instanceof NestedPipelineFailed) return null;
      if (!isCmdletError(error)) throw error;
      env.errors.push(toRecord(cmdlet.name, error));
      return null;
    }
  }
  return prepared;
}

function runStage(
  env: LineEnv,
  binding: Binding,
  set: string | null,
  items: readonly Value[] | null,
  out: Value[],
): void {
  const {cmdlet} = binding;
  env.cmdlets.push(cmdlet.name);
  const write = (value: Value): void => {
    out.push(value);
  };
  if (isBuiltin(cmdlet))
    return runInvocation(env, binding, write, (ctx) => cmdlet.process(ctx, binding.args, items, set!));
  if (items === null) return runInvocation(env, binding, write, (ctx) => cmdlet.run(ctx, binding.args, set!));
  for (const item of items) {
    checkTime(env);
    const bound = bindItem(env, binding, item);
    if (bound) runInvocation(env, binding, write, (ctx) => cmdlet.run(ctx, bound.args, bound.set));
  }
}

function bindItem(env: LineEnv, binding: Binding, item: Value): InputBinding | null {
  try {
    return bindInput(binding, item);
  } catch (error) {
    if (!isCmdletError(error)) throw error;
    env.errors.push(toRecord(binding.cmdlet.name, error));
    return null;
  }
}

/** One invocation is all or nothing: on a CmdletError its state changes, targets and effects are undone. */
function runInvocation(
  env: LineEnv,
  binding: Binding,
  write: (value: Value) => void,
  body: (ctx: BuiltinContext) => void,
): void {
  const before = {state: env.state, targets: env.targets.length, effects: env.effects.length};
  try {
    body(createContext(env, binding, write));
  } catch (error) {
    // A pipeline used as a value inside a filter failed: its own error is already recorded.
    const nested = error instanceof NestedPipelineFailed;
    if (!nested && !isCmdletError(error)) throw error;
    env.state = before.state;
    env.targets.length = before.targets;
    env.effects.length = before.effects;
    if (!nested) env.errors.push(toRecord(binding.cmdlet.name, error));
  }
}

function checkAccess(env: LineEnv, cmdlet: CmdletSpec): void {
  if (cmdlet.mutates && env.options.readOnly) {
    throw new CmdletError(
      'AccessDenied',
      `Access denied: this is a read-only session, and ${cmdlet.name} changes the store.`,
      {target: cmdlet.name},
    );
  }
  assertAllowed(env.options.roles, cmdlet.permission, cmdlet.name);
}

/** Arrays given as the first element are piped item by item; $null pipes nothing (Spec note). */
const enumerate = (value: Value): Value[] =>
  value === null ? [] : Array.isArray(value) ? [...(value as Value[])] : [value];

const indexes = new WeakMap<readonly CmdletSpec[], Map<string, CmdletSpec>>();

export function findCommand(commands: readonly CmdletSpec[], name: string): CmdletSpec | undefined {
  let index = indexes.get(commands);
  if (!index) {
    index = new Map(commands.map((c) => [c.name.toLowerCase(), c]));
    indexes.set(commands, index);
  }
  const lower = name.toLowerCase();
  const alias = Object.hasOwn(COMMAND_ALIASES, lower) ? COMMAND_ALIASES[lower] : undefined;
  return index.get(lower) ?? (alias ? index.get(alias.toLowerCase()) : undefined);
}

function notFound(name: string, commands: readonly CmdletSpec[]): ErrorRecord {
  const suggestion = closestName(
    name,
    commands.map((c) => c.name),
  );
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : ' Get-Command lists the commands there are.';
  return {
    cmdlet: name,
    errorId: 'CommandNotFound',
    message: `The term '${name}' is not recognized as a cmdlet, function or operable program. Check the spelling of the name and try again.${hint}`,
    target: name,
    parameter: null,
  };
}
