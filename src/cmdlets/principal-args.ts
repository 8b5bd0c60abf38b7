// Reading bound arguments in the policy, endpoint and directory cmdlets, and the parameters
// those cmdlets share (-ResultSize, -DomainController, -Credential, -Tenant).

import {CmdletError} from '../domain/errors.js';
import {hostNameProblem} from '../domain/sip.js';
import type {Args, CmdletContext, ParamSpec, PsObject} from './types.js';
import {given, text, nullableText, flag} from './args.js';

export {given, text, nullableText, flag};

/** The Identity of a piped object, or the string itself. */
export const identityOfValue = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as PsObject)['Identity'] === 'string')
    return (value as PsObject)['Identity'] as string;
  return undefined;
};

/** -Identity as given, or the Identity of the -Instance object. */
export const identityArg = (args: Args): string | undefined =>
  text(args, 'Identity') ?? identityOfValue(args['Instance']);

/** The -Identity / -Filter pair of the Get cmdlets: both together is a parameter-set conflict. */
export function identityOrFilter(args: Args): {identity?: string; filter?: string} {
  if (given(args, 'Identity') && given(args, 'Filter')) {
    throw new CmdletError('ParameterConflict', 'Use -Identity or -Filter, not both.', {parameter: 'Filter'});
  }
  const identity = text(args, 'Identity');
  const filter = text(args, 'Filter');
  return {...(identity === undefined ? {} : {identity}), ...(filter === undefined ? {} : {filter})};
}

/** Writes at most -ResultSize objects (0 writes nothing; more than there are writes all). */
export function writeLimited<T>(
  ctx: CmdletContext,
  args: Args,
  items: readonly T[],
  toObject: (item: T) => PsObject,
  keep?: (object: PsObject) => boolean,
): void {
  const limit = typeof args['ResultSize'] === 'number' ? args['ResultSize'] : Infinity;
  let written = 0;
  for (const item of items) {
    if (written >= limit) return;
    const object = toObject(item);
    if (keep && !keep(object)) continue;
    ctx.write(object);
    written += 1;
  }
}

/** -Filter {Prop -eq value} over output objects, when given. */
export const filterOf = (ctx: CmdletContext, args: Args): ((object: PsObject) => boolean) | undefined =>
  given(args, 'Filter') ? (object) => ctx.matchFilter(args['Filter'], object) : undefined;

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** The AD plumbing parameters have no effect here, but a malformed value is still an error. */
export function checkPlumbing(args: Args): void {
  const dc = text(args, 'DomainController');
  const problem = dc === undefined ? null : hostNameProblem(dc, false);
  if (dc !== undefined && problem) {
    throw new CmdletError('InvalidValue', `"${dc}" is not a domain controller name: ${problem}.`, {
      parameter: 'DomainController',
      target: dc,
    });
  }
  const tenant = text(args, 'Tenant');
  if (tenant !== undefined && !GUID.test(tenant)) {
    throw new CmdletError('InvalidValue', `"${tenant}" is not a tenant GUID.`, {
      parameter: 'Tenant',
      target: tenant,
    });
  }
}

export const resultSizeParam: ParamSpec = {
  type: 'int',
  min: 0,
  max: 2147483647,
  help: 'Most objects to return (0 to 2147483647); 0 runs the command and returns nothing, more than there are returns all.',
};

export const domainControllerParam: ParamSpec = {
  type: 'string',
  help: 'Domain controller to read the directory from (a host name or FQDN); accepted for compatibility, one directory is shown.',
};

export const credentialParam: ParamSpec = {
  type: 'credential',
  help: 'Alternate credentials (from Get-Credential); accepted for compatibility, the operator role decides access.',
};

export const tenantParam: ParamSpec = {
  type: 'string',
  help: 'Skype for Business Online tenant GUID; accepted and ignored on premises (a malformed GUID is refused).',
};

export const ldapFilterParam = (what: string): ParamSpec => ({
  type: 'string',
  help: `LDAP filter over generic directory attributes of ${what} (l, department, title, displayName, objectClass, ...): "l=Springfield" or "(&(l=Springfield)(department=IT))"; * is a wildcard.`,
});

export const ouParam = (what: string): ParamSpec => ({
  type: 'string',
  help: `Distinguished name of an OU or container; only ${what} in it or in its child OUs are returned.`,
});
