// Runs statements: pipelines, assignments, foreach and if. Every statement runs against the
// line's one LineEnv, so a cmdlet inside a loop sees the same state, what-if and prompts as at
// the top level. Loops are bounded by the line's time budget and by the value-size bound.

import type {Value} from '../cmdlets/types.js';
import type {NestedBody, Pipeline, Statement} from './ast.js';
import {CmdletError} from '../domain/errors.js';
import {checkTime, type LineEnv} from './context.js';
import {setVariable} from './evaluate-expr.js';
import {runPipeline} from './run-pipeline.js';
import {MAX_VALUE_ITEMS} from './value-size.js';
import {isTruthy} from './values.js';

const single = (items: readonly Value[]): Value =>
  items.length === 0 ? null : items.length === 1 ? items[0]! : items;

export function runStatements(env: LineEnv, statements: readonly Statement[]): Value[] {
  const output: Value[] = [];
  for (const statement of statements) append(output, runStatement(env, statement));
  return output;
}

/** A value's pipeline, `(Get-X)`, or its statements, `@(...)`; null when a pipeline could not start. */
export const runNested = (env: LineEnv, body: NestedBody): Value[] | null =>
  'stages' in body ? runPipeline(env, body) : runStatements(env, body);

/** Output gathered across iterations obeys the same bound as a value the line builds. */
function append(output: Value[], items: readonly Value[]): void {
  if (output.length + items.length > MAX_VALUE_ITEMS)
    throw new CmdletError(
      'LimitExceeded',
      `The line would write more than ${MAX_VALUE_ITEMS.toLocaleString('en-US')} items; the limit is ${MAX_VALUE_ITEMS.toLocaleString('en-US')}.`,
    );
  for (const item of items) output.push(item);
}

function runStatement(env: LineEnv, statement: Statement): Value[] {
  checkTime(env);
  switch (statement.kind) {
    case 'pipeline':
      return runPipeline(env, statement.pipeline) ?? [];
    case 'assignment': {
      const items = runPipeline(env, statement.pipeline);
      // A pipeline that could not start leaves the variable as it was.
      if (items !== null) assign(env, statement.variable, single(items));
      return [];
    }
    case 'statement-assignment':
      assign(env, statement.variable, single(runStatement(env, statement.statement)));
      return [];
    case 'foreach': {
      const items = runPipeline(env, statement.source);
      if (items === null) return [];
      const output: Value[] = [];
      for (const item of items) {
        checkTime(env);
        setVariable(env.options.variables, statement.variable, item);
        append(output, runStatements(env, statement.body));
      }
      return output;
    }
    case 'if':
      for (const branch of statement.branches)
        if (branch.condition === null || conditionHolds(env, branch.condition))
          return runStatements(env, branch.body);
      return [];
  }
}

/** `$null = ...` runs its value for its effects and keeps nothing. */
function assign(env: LineEnv, variable: string, value: Value): void {
  if (variable.toLowerCase() !== 'null') setVariable(env.options.variables, variable, value);
}

function conditionHolds(env: LineEnv, condition: Pipeline): boolean {
  const items = runPipeline(env, condition);
  return items !== null && isTruthy(single(items));
}
