// What the directory-reading cmdlets (users, principals, endpoints, policies) do with their
// shared arguments: -ResultSize, -Filter {...}, and the AD plumbing parameters.

import {CmdletError} from '../domain/errors.js';
import {hostNameProblem} from '../domain/sip.js';
import type {CmdletContext, PsObject, ScriptBlock} from './types.js';

/** Writes at most -ResultSize objects (0 writes nothing; more than there are writes all). */
export function writeLimited<T>(
  ctx: CmdletContext,
  args: {readonly ResultSize?: number},
  items: readonly T[],
  toObject: (item: T) => PsObject,
  keep?: (object: PsObject) => boolean,
): void {
  const limit = args.ResultSize ?? Infinity;
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
export const filterOf = (
  ctx: CmdletContext,
  args: {readonly Filter?: ScriptBlock | string},
): ((object: PsObject) => boolean) | undefined => {
  const filter = args.Filter;
  return filter === undefined ? undefined : (object) => ctx.matchFilter(filter, object);
};

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** The AD plumbing parameters have no effect here, but a malformed value is still an error. */
export function checkPlumbing(args: {readonly DomainController?: string; readonly Tenant?: string}): void {
  const dc = args.DomainController;
  const problem = dc === undefined ? null : hostNameProblem(dc, false);
  if (dc !== undefined && problem) {
    throw new CmdletError('InvalidValue', `"${dc}" is not a domain controller name: ${problem}.`, {
      parameter: 'DomainController',
      target: dc,
    });
  }
  const tenant = args.Tenant;
  if (tenant !== undefined && !GUID.test(tenant)) {
    throw new CmdletError('InvalidValue', `"${tenant}" is not a tenant GUID.`, {
      parameter: 'Tenant',
      target: tenant,
    });
  }
}
