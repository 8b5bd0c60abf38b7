// The object a cmdlet acts on: -Identity, or the -Instance piped in from the matching Get cmdlet
// (an object, or its identity string).

import {CmdletError} from '../domain/errors.js';
import type {PsObject, Value} from './types.js';

interface IdentityArgs {
  readonly Identity?: string | null;
  readonly Instance?: Value;
}

const isObject = (value: unknown): value is PsObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !('kind' in value);

/** The Identity of a piped object, or the string itself. */
export const identityOfValue = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  const identity = isObject(value) ? value['Identity'] : undefined;
  return typeof identity === 'string' ? identity : undefined;
};

/** -Identity as given, or the Identity of the -Instance object. */
export const identityArg = (args: IdentityArgs): string | undefined =>
  args.Identity ?? identityOfValue(args.Instance);

/** The identity a Set/Remove/Clear acts on; `extra` stands in when neither is given. */
export const targetIdentity = (args: IdentityArgs, extra?: string): string => {
  const identity = identityArg(args) ?? extra;
  if (identity === undefined || identity.trim() === '') {
    throw new CmdletError(
      'MissingParameter',
      'Give -Identity, or pipe in an object from the matching Get cmdlet.',
      {parameter: 'Identity'},
    );
  }
  return identity;
};

/** The piped or given -Instance: an object from a Get cmdlet, or an identity string. */
export const instanceOf = (args: IdentityArgs): PsObject | null => {
  const value = args.Instance;
  if (typeof value === 'string') return {Identity: value};
  if (isObject(value)) return value;
  if (value !== undefined) {
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

/** The -Identity / -Filter pair of the Get cmdlets: both together is a parameter-set conflict. */
export function identityOrFilter(args: {readonly Identity?: string; readonly Filter?: string}): {
  identity?: string;
  filter?: string;
} {
  if (args.Identity !== undefined && args.Filter !== undefined) {
    throw new CmdletError('ParameterConflict', 'Use -Identity or -Filter, not both.', {parameter: 'Filter'});
  }
  return {
    ...(args.Identity === undefined ? {} : {identity: args.Identity}),
    ...(args.Filter === undefined ? {} : {filter: args.Filter}),
  };
}
