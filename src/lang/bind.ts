// The binder: named and positional arguments to a cmdlet's parameters, converted to their
// types, and the parameter set they select. Pipeline input is bound per item by bind-input.ts.

import type {CmdletSpec, Value} from '../cmdlets/types.js';
import type {CommandElement, Expr} from './ast.js';
import {CmdletError} from '../domain/errors.js';
import {convertArgument, typeLabel, type Argument} from './convert.js';
import {evaluateExpr, type Scope} from './evaluate-expr.js';
import {resolveParameter, type ResolvedParameter} from './param-names.js';
import {compatibleSets, inSet, resolveSet} from './param-sets.js';
import {toText} from './values.js';

export interface Binding {
  readonly cmdlet: CmdletSpec;
  /** The cmdlet's own parameters, converted; a key is present only when given. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly given: ReadonlySet<string>;
  /** The sets still possible after the named and positional arguments. */
  readonly sets: readonly string[];
  readonly whatIf: boolean;
  /** -Confirm (true), -Confirm:$false (false), or not given (null). */
  readonly confirm: boolean | null;
}

interface Named {
  readonly parameter: ResolvedParameter;
  readonly arg: Argument;
}

/** Binds what the command line gives; throws CmdletError (the whole pipeline then does not run). */
export function bindArguments(
  cmdlet: CmdletSpec,
  elements: readonly CommandElement[],
  scope: Scope,
): Binding {
  const {named, positional} = collect(cmdlet, elements, scope);
  const args: Record<string, unknown> = {};
  let whatIf = false;
  let confirm: boolean | null = null;
  for (const {parameter, arg} of named) {
    const value = convertArgument(parameter.name, parameter.spec, arg);
    if (parameter.kind === 'own') args[parameter.name] = value;
    if (parameter.name === 'WhatIf') whatIf = value === true;
    if (parameter.name === 'Confirm') confirm = value === true;
  }
  let sets = compatibleSets(cmdlet, Object.keys(args));
  if (positional.length > 0) {
    const placed = bindPositional(cmdlet, sets, Object.keys(args), positional);
    Object.assign(args, placed.args);
    sets = placed.sets;
  }
  return {cmdlet, args, given: new Set(Object.keys(args)), sets, whatIf, confirm};
}

/** The set for a run without pipeline input; throws MissingParameter / ParameterConflict. */
export const finalSet = (binding: Binding): string => resolveSet(binding.cmdlet, binding.given, binding.sets);

function collect(
  cmdlet: CmdletSpec,
  elements: readonly CommandElement[],
  scope: Scope,
): {named: Named[]; positional: Argument[]} {
  const named: Named[] = [];
  const positional: Argument[] = [];
  for (let i = 0; i < elements.length; i += 1) {
    const element = elements[i]!;
    if (element.kind === 'argument') {
      positional.push(toArgument(element.value, scope));
      continue;
    }
    const parameter = resolveParameter(cmdlet, element.name);
    if (named.some((n) => n.parameter.name === parameter.name)) {
      throw new CmdletError(
        'ParameterBindingError',
        `Cannot bind parameter because parameter '${parameter.name}' is specified more than once.`,
        {
          parameter: parameter.name,
        },
      );
    }
    const next = elements[i + 1];
    let arg: Argument;
    if (element.value) arg = toArgument(element.value, scope);
    else if (parameter.spec.type === 'switch') arg = {value: true};
    else if (next?.kind === 'argument') {
      arg = toArgument(next.value, scope);
      i += 1;
    } else if (parameter.spec.type === 'bool') {
      // Spec note: a Boolean given bare (`New-CsPersistentChatRoom -Disabled`) means $True, as the room spec asks.
      arg = {value: true};
    } else {
      throw new CmdletError(
        'ParameterBindingError',
        `Missing an argument for parameter '${parameter.name}'. Specify a parameter of type '${typeLabel(parameter.spec)}' and try again.`,
        {parameter: parameter.name},
      );
    }
    named.push({parameter, arg});
  }
  return {named, positional};
}

export const toArgument = (expr: Expr, scope: Scope): Argument => ({
  value: evaluateExpr(expr, scope),
  literal: expr.kind === 'number' ? expr.text : null,
});

/**
 * Positional arguments fill the parameters with a `position` that were not named, in order.
 * Sets are tried default first; the first whose parameters accept every argument wins.
 */
function bindPositional(
  cmdlet: CmdletSpec,
  sets: readonly string[],
  namedNames: readonly string[],
  positional: readonly Argument[],
): {args: Record<string, unknown>; sets: string[]} {
  let firstError: CmdletError | null = null;
  for (const set of sets) {
    const slots = Object.entries(cmdlet.params)
      .filter(
        ([name, spec]) =>
          spec.position !== undefined && !namedNames.includes(name) && inSet(cmdlet, name, set),
      )
      .sort(([, a], [, b]) => a.position! - b.position!);
    const rest = slots.at(-1)?.[1].remaining === true ? slots.length - 1 : null;
    if (rest === null && slots.length < positional.length) continue;
    try {
      const args: Record<string, unknown> = {};
      const placed = rest === null ? positional : positional.slice(0, rest);
      placed.forEach((arg, i) => {
        const [name, spec] = slots[i]!;
        args[name] = convertArgument(name, spec, arg);
      });
      if (rest !== null && positional.length > rest) {
        const [name, spec] = slots[rest]!;
        const value = positional.slice(rest).map((arg) => arg.value);
        args[name] = convertArgument(name, spec, {value, literal: null});
      }
      return {args, sets: compatibleSets(cmdlet, [...namedNames, ...Object.keys(args)], sets)};
    } catch (error) {
      if (!(error instanceof CmdletError)) throw error;
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  const most = Math.max(
    0,
    ...sets.map(
      (set) =>
        Object.entries(cmdlet.params).filter(
          ([n, s]) => s.position !== undefined && !namedNames.includes(n) && inSet(cmdlet, n, set),
        ).length,
    ),
  );
  const extra = positional[most];
  throw new CmdletError(
    'ParameterBindingError',
    `A positional parameter cannot be found that accepts argument '${shownArg(extra?.value ?? null)}'.`,
    {
      parameter: null,
    },
  );
}

const shownArg = (value: Value): string =>
  Array.isArray(value) ? (value as Value[]).map((v) => toText(v)).join(', ') : toText(value);
