// Turns expressions into values, and evaluates filter blocks against one pipeline item.

import type {Value} from '../cmdlets/types.js';
import type {Expr, NestedBody} from './ast.js';
import {CmdletError} from '../domain/errors.js';
import {castValue} from './cast.js';
import {invokeMethod} from './methods.js';
import {compareAsValue, compareValues, isCompareOperator} from './compare.js';
import {operatorMatch} from './operator-regex.js';
import {binaryValue, indexValue, unaryValue} from './operators.js';
import {boundedValue} from './value-size.js';
import {getPath, isTruthy, toText} from './values.js';

export interface Scope {
  readonly variables: Map<string, Value>;
  /**
   * Runs a pipeline written as a value, `(Get-X)`, or the statements of an `@( )`; null when a
   * pipeline could not start (its error is recorded).
   */
  readonly runPipeline?: (body: NestedBody) => Value[] | null;
  /** `$_`: the pipeline item a filter is looking at; undefined outside filters. */
  readonly current?: Value;
}

/**
 * Variables are case-insensitive, as in PowerShell: the map's keys are the lower-case names, so
 * a lookup costs the same however many variables a script has made.
 */
export function getVariable(variables: ReadonlyMap<string, Value>, name: string): Value {
  return variables.get(name.toLowerCase()) ?? null;
}

export function setVariable(variables: Map<string, Value>, name: string, value: Value): void {
  variables.set(name.toLowerCase(), value);
}

/** A pipeline used as a value could not start; its error is recorded, and the statement stops. */
export class NestedPipelineFailed extends Error {
  constructor() {
    super('a nested pipeline could not start');
    this.name = 'NestedPipelineFailed';
  }
}

export function evaluateExpr(expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case 'string':
    case 'number':
    case 'constant':
      return expr.value;
    case 'subpipeline': {
      const items = nestedItems(scope, expr.pipeline);
      return boundedValue(items.length === 0 ? null : items.length === 1 ? items[0]! : items);
    }
    case 'subexpression':
      return boundedValue(nestedItems(scope, expr.statements));
    case 'member':
      return getPath(evaluateExpr(expr.target, scope), expr.path);
    case 'template':
      // As PowerShell does: $null is empty, a list is joined with spaces.
      return expr.parts
        .map((part) => (typeof part === 'string' ? part : toText(evaluateExpr(part, scope))))
        .join('');
    case 'variable': {
      const base = expr.name === '_' ? (scope.current ?? null) : getVariable(scope.variables, expr.name);
      return getPath(base, expr.path);
    }
    case 'array':
      return boundedValue(expr.items.map((item) => evaluateExpr(item, scope)));
    case 'hashtable':
      return boundedValue({
        kind: 'hashtable',
        entries: expr.entries.map((entry) => [entry.key, evaluateExpr(entry.value, scope)] as const),
      });
    case 'scriptblock':
      return {kind: 'scriptblock', text: expr.text};
    case 'binary':
      if (expr.op === 'match' || expr.op === 'notmatch')
        return matchValue(
          expr.op,
          evaluateExpr(expr.left, scope),
          evaluateExpr(expr.right, scope),
          scope,
          false,
        );
      return binaryValue(expr.op, evaluateExpr(expr.left, scope), () => evaluateExpr(expr.right, scope));
    case 'unary':
      return unaryValue(expr.op, evaluateExpr(expr.operand, scope));
    case 'index':
      return getPath(
        indexValue(evaluateExpr(expr.target, scope), evaluateExpr(expr.index, scope)),
        expr.path,
      );
    case 'cast':
      return castValue(expr.type, evaluateExpr(expr.operand, scope));
    case 'method':
      return invokeMethod(
        evaluateExpr(expr.target, scope),
        expr.name,
        expr.args.map((arg) => evaluateExpr(arg, scope)),
      );
  }
}

function nestedItems(scope: Scope, body: NestedBody): Value[] {
  if (!scope.runPipeline) throw new CmdletError('InvalidValue', 'A pipeline cannot be used as a value here.');
  const items = scope.runPipeline(body);
  if (items === null) throw new NestedPipelineFailed();
  return items;
}

/** An empty block matches nothing, as `Where-Object {}` does. */
export function evaluateFilter(filter: Expr | null, scope: Scope): boolean {
  return filter !== null && isTruthy(conditionValue(filter, scope));
}

/**
 * The value of a block's expression as a condition: a comparison under -and, -or and -not answers
 * yes or no even with a list on its left (compareValues); any other expression is its value.
 */
export function conditionValue(expr: Expr, scope: Scope): Value {
  if (expr.kind === 'unary' && expr.op === 'not') return !evaluateFilter(expr.operand, scope);
  if (expr.kind !== 'binary') return evaluateExpr(expr, scope);
  if (expr.op === 'and') return evaluateFilter(expr.left, scope) && evaluateFilter(expr.right, scope);
  if (expr.op === 'or') return evaluateFilter(expr.left, scope) || evaluateFilter(expr.right, scope);
  if (expr.op === 'match' || expr.op === 'notmatch')
    return matchValue(expr.op, evaluateExpr(expr.left, scope), evaluateExpr(expr.right, scope), scope, true);
  if (isCompareOperator(expr.op))
    return compareValues(expr.op, evaluateExpr(expr.left, scope), evaluateExpr(expr.right, scope));
  return evaluateExpr(expr, scope);
}

/**
 * -match and -notmatch. A scalar on the left that matches sets `$Matches` (the groups: 0, 1, ...
 * and the named ones), as PowerShell does; a failed match leaves it as it was, and so does a list
 * on the left, which answers with its matching items (or, in a condition, whether any matches).
 */
function matchValue(
  op: 'match' | 'notmatch',
  left: Value,
  right: Value,
  scope: Scope,
  condition: boolean,
): Value {
  if (Array.isArray(left))
    return condition ? compareValues(op, left, right) : compareAsValue(op, left, right);
  const groups = operatorMatch(toText(left), toText(right));
  // Spec note: PowerShell's $Matches is an unordered Hashtable, usually shown last group first;
  // we keep that order, so `$Matches` prints as it does there.
  if (groups) setVariable(scope.variables, 'Matches', {kind: 'hashtable', entries: groups.reverse()});
  return (groups !== null) === (op === 'match');
}
