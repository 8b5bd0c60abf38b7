// Parameter sets: which sets a parameter belongs to, which it is required in, and which set
// a group of given parameters selects.

import type {CmdletSpec} from '../cmdlets/types.js';
import {CmdletError} from '../domain/errors.js';

/** The name `run` receives when a cmdlet declares no sets, as in PowerShell. */
export const ALL_SETS = '__AllParameterSets';

export const setsOf = (cmdlet: CmdletSpec): readonly string[] => cmdlet.parameterSets ?? [ALL_SETS];

export const paramSets = (cmdlet: CmdletSpec, name: string): readonly string[] =>
  cmdlet.params[name]?.sets ?? setsOf(cmdlet);

export const inSet = (cmdlet: CmdletSpec, name: string, set: string): boolean =>
  paramSets(cmdlet, name).includes(set);

// Every line without pipeline input resolves its set, and a cmdlet's table never changes: what a
// set requires is found once per cmdlet and set.
const required = new WeakMap<CmdletSpec, Map<string, readonly string[]>>();

/** The parameters a set requires, in the table's order. */
export function requiredIn(cmdlet: CmdletSpec, set: string): readonly string[] {
  let bySet = required.get(cmdlet);
  if (!bySet) required.set(cmdlet, (bySet = new Map<string, readonly string[]>()));
  const known = bySet.get(set);
  if (known) return known;
  const names = Object.entries(cmdlet.params)
    .filter(
      ([name, spec]) =>
        inSet(cmdlet, name, set) &&
        (spec.required === true || (Array.isArray(spec.required) && spec.required.includes(set))),
    )
    .map(([name]) => name);
  bySet.set(set, names);
  return names;
}

/** The sets that contain every given parameter; ParameterConflict when there is none. */
export function compatibleSets(
  cmdlet: CmdletSpec,
  given: Iterable<string>,
  among: readonly string[] = setsOf(cmdlet),
): string[] {
  const names = [...given];
  const sets = among.filter((set) => names.every((name) => inSet(cmdlet, name, set)));
  if (sets.length > 0) return sets;
  const list = names.map((n) => `-${n}`).join(', ');
  throw new CmdletError(
    'ParameterConflict',
    `Parameter set cannot be resolved using the specified named parameters: ${list} cannot be used together in one command of ${cmdlet.name}.`,
    {parameter: names.at(-1) ?? null},
  );
}

/**
 * The set the given parameters select: among the compatible sets, one whose required
 * parameters are all present (the default set first); otherwise MissingParameter for the
 * best candidate.
 */
export function resolveSet(cmdlet: CmdletSpec, given: ReadonlySet<string>, among: readonly string[]): string {
  const fits = compatibleSets(cmdlet, given, among);
  const preferred = (sets: readonly string[]): string =>
    sets.includes(setsOf(cmdlet)[0]!) ? setsOf(cmdlet)[0]! : sets[0]!;
  const complete = fits.filter((set) => requiredIn(cmdlet, set).every((name) => given.has(name)));
  if (complete.length > 0) return preferred(complete);
  const chosen = preferred(fits);
  const missing = requiredIn(cmdlet, chosen).filter((name) => !given.has(name));
  throw new CmdletError(
    'MissingParameter',
    `Cannot process command because of one or more missing mandatory parameters: ${missing.join(' ')}.`,
    {
      parameter: missing[0] ?? null,
    },
  );
}
