// Binding one pipeline item: a string or other scalar binds by value; an object binds whole to
// an object parameter that takes pipeline values (Instance), otherwise property by property to
// the parameters that take pipeline input by property name.

import type {ParamSpec, Value} from '../cmdlets/types.js';
import {CmdletError} from '../domain/errors.js';
import type {Binding} from './bind.js';
import {convertArgument} from './convert.js';
import {inSet, resolveSet} from './param-sets.js';
import {findProperty, isPsObject} from './values.js';

export interface InputBinding {
  readonly args: Readonly<Record<string, unknown>>;
  readonly set: string;
}

const byValue = (spec: ParamSpec): boolean => spec.pipeline === 'value' || spec.pipeline === 'both';
const byProperty = (spec: ParamSpec): boolean => spec.pipeline === 'property' || spec.pipeline === 'both';

const NOT_BOUND =
  'The input object cannot be bound to any parameters of the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.';

/** Throws CmdletError; the caller reports it for this item and goes on with the next. */
export function bindInput(binding: Binding, input: Value): InputBinding {
  const {cmdlet} = binding;
  const free = Object.entries(cmdlet.params).filter(
    ([name, spec]) =>
      spec.pipeline !== undefined &&
      !binding.given.has(name) &&
      binding.sets.some((set) => inSet(cmdlet, name, set)),
  );
  const bound = isPsObject(input) ? bindObject(free, input) : bindScalar(free, input);
  if (Object.keys(bound).length === 0)
    throw new CmdletError('InputObjectNotBound', NOT_BOUND, {target: describeInput(input)});
  const args = {...binding.args, ...bound};
  return {args, set: resolveSet(cmdlet, new Set(Object.keys(args)), binding.sets)};
}

function bindObject(
  free: readonly (readonly [string, ParamSpec])[],
  input: Value & object,
): Record<string, unknown> {
  const whole = free.find(([, spec]) => byValue(spec) && spec.type === 'object');
  if (whole) return {[whole[0]]: input};
  const bound: Record<string, unknown> = {};
  for (const [name, spec] of free) {
    if (!byProperty(spec)) continue;
    const found = [name, ...(spec.aliases ?? [])]
      .map((n) => findProperty(input as Record<string, Value>, n))
      .find((p) => p !== undefined);
    // Spec note: a property that is $null is not bound, so the parameter counts as not given.
    if (found && found.value !== null) bound[name] = convertArgument(name, spec, {value: found.value});
  }
  if (Object.keys(bound).length > 0) return bound;
  // As PowerShell converts an object to text by value, an object stands for its Identity.
  const text = free.find(([, spec]) => byValue(spec) && (spec.type === 'string' || spec.type === 'string[]'));
  return text ? {[text[0]]: convertArgument(text[0], text[1], {value: input})} : {};
}

function bindScalar(free: readonly (readonly [string, ParamSpec])[], input: Value): Record<string, unknown> {
  // An Instance parameter wants an object from a Get- cmdlet, never a bare string.
  const candidates = free.filter(([name, spec]) => byValue(spec) && name !== 'Instance');
  const chosen = candidates.find(([, spec]) => spec.type !== 'object') ?? candidates[0];
  if (!chosen) return {};
  const [name, spec] = chosen;
  return {[name]: convertArgument(name, spec, {value: input})};
}

const describeInput = (input: Value): string | null => {
  if (typeof input === 'string') return input;
  if (isPsObject(input)) {
    const identity = findProperty(input, 'Identity');
    return identity && typeof identity.value === 'string' ? identity.value : null;
  }
  return null;
};
