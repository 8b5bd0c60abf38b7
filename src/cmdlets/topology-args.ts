// Reading bound arguments in the topology and service cmdlets: a key is present only when the
// parameter was given, and an explicit $Null arrives as null.

import {CmdletError, type Warning} from '../domain/errors.js';
import type {Args, CmdletContext, ListModifier, ParamSpec, PsObject} from './types.js';
import {given} from './args.js';

export {given};

export const str = (args: Args, key: string): string | undefined => {
  const value = args[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
};

/** undefined when not given, null for $Null, else the string. */
export const nullableStr = (args: Args, key: string): string | null | undefined =>
  !given(args, key) ? undefined : args[key] === null ? null : str(args, key);

export const bool = (args: Args, key: string): boolean | undefined =>
  typeof args[key] === 'boolean' ? args[key] : undefined;

export const num = (args: Args, key: string): number | undefined =>
  typeof args[key] === 'number' ? args[key] : undefined;

/** A PSListModifier argument; a plain value or array is a replace, $Null (null) empties the list. */
export const listChange = (args: Args, key: string): ListModifier | null | undefined => {
  if (!given(args, key)) return undefined;
  const value = args[key];
  if (value === null) return null;
  if (typeof value === 'string') return {replace: [value]};
  if (Array.isArray(value)) return {replace: value.map(String)};
  if (typeof value === 'object' && !('kind' in value)) return value;
  throw new CmdletError(
    'InvalidValue',
    `-${key} takes a list, a @{Add=...; Remove=...; Replace=...} table or $Null.`,
    {parameter: key},
  );
};

/** The piped or given -Instance: an object from a Get cmdlet, or an identity string. */
export const instanceOf = (args: Args): PsObject | null => {
  const value = args['Instance'];
  if (typeof value === 'string') return {Identity: value};
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !('kind' in value))
    return value as PsObject;
  if (given(args, 'Instance')) {
    throw new CmdletError('InvalidValue', '-Instance takes an object from the matching Get cmdlet.', {
      parameter: 'Instance',
    });
  }
  return null;
};

export const instanceIdentity = (instance: PsObject | null): string | null => {
  const identity = instance?.['Identity'];
  return typeof identity === 'string' ? identity : null;
};

/** Domain warnings, unless -Force suppresses them (topology spec 1.7). */
export const passWarnings = (ctx: CmdletContext, warnings: readonly Warning[], args: Args): void => {
  if (bool(args, 'Force') === true) return;
  for (const w of warnings) ctx.warn(w.warningId, w.message, w.target);
};

export const forceParam: ParamSpec = {
  type: 'switch',
  help: 'Suppresses warnings and confirmation prompts; never bypasses an error.',
};
export const localStoreParam: ParamSpec = {
  type: 'switch',
  help: 'Reads from the local replica of the Central Management store; the same data here.',
};

/** The -Identity / -Filter pair of the Get cmdlets. */
export const getParams = (
  noun: string,
  example: string,
  completes: ParamSpec['completes'],
): Record<string, ParamSpec> => ({
  Identity: {
    type: 'string',
    position: 0,
    sets: ['Identity'],
    help: `Identity of the ${noun} (${example}); no wildcards. Omitted: all of them.`,
    ...(completes ? {completes} : {}),
  },
  Filter: {
    type: 'string',
    sets: ['Filter'],
    help: `Wildcard (* and ?) matched against the whole Identity, e.g. "site:*".`,
  },
  LocalStore: localStoreParam,
});
