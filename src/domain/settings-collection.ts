// What the configuration and compliance cmdlets share: collections of settings at the global,
// site and service scopes (topology spec 1.2, 3 and 4). Get by identity or wildcard filter,
// New at site or service scope, Set (creating an uncommitted -InMemory instance), Remove
// (resetting Global instead of deleting it), and the effective collection of a pool.

import {CmdletError} from './errors.js';
import {canonicalXdsIdentity, parseXdsIdentity, wildcardMatch, type XdsIdentityParts} from './identity.js';
import {findPool, findSite} from './topology.js';
import type {ChatState, PersistentChatPool} from './types.js';

export interface SettingsEntity {
  readonly identity: string;
  readonly rev: number;
}

export interface SettingsCollection<T extends SettingsEntity> {
  /** For messages: "Persistent Chat configuration". */
  readonly noun: string;
  select(state: ChatState): readonly T[];
  replace(state: ChatState, items: readonly T[]): ChatState;
  /** The documented defaults for a new collection (and for Global after Remove). */
  defaults(identity: string): T;
}

const SCOPES = ['global', 'site', 'service'] as const;

/** Canonical identity; a known site is spelled as the topology spells it. */
export const settingsIdentity = (state: ChatState, text: string, parameter = 'Identity'): string => {
  const parts = parseXdsIdentity(text, {scopes: SCOPES, parameter});
  if (parts.scope === 'site')
    return canonicalXdsIdentity({scope: 'site', name: findSite(state, parts.name ?? '')?.name ?? parts.name});
  return canonicalXdsIdentity(parts);
};

const sameIdentity = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const notFound = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  identity: string,
  parameter = 'Identity',
): CmdletError =>
  new CmdletError('ConfigurationNotFound', `No ${c.noun} has the identity "${identity}".`, {
    target: identity,
    parameter,
  });

export const findSettings = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  state: ChatState,
  identity: string,
): T | undefined => c.select(state).find((item) => sameIdentity(item.identity, identity));

/** Get-*: one collection by identity (ConfigurationNotFound), those matching a wildcard filter, or all. */
export const getSettings = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  state: ChatState,
  query: {identity?: string | null; filter?: string | null},
): readonly T[] => {
  if (query.identity != null && query.filter != null) {
    throw new CmdletError('ParameterConflict', 'Use either -Identity or -Filter, not both.', {
      parameter: 'Filter',
    });
  }
  if (query.identity != null) {
    const item = findSettings(c, state, settingsIdentity(state, query.identity));
    if (!item) throw notFound(c, query.identity);
    return [item];
  }
  const filter = query.filter;
  return filter == null
    ? c.select(state)
    : c.select(state).filter((item) => wildcardMatch(filter, item.identity));
};

/** New-*: site or service scope only; the site or pool must exist; never twice. */
export const newSettings = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  state: ChatState,
  input: {
    identity: string;
    values: Partial<Omit<T, 'identity' | 'rev'>>;
    rev: number;
    inMemory?: boolean;
    parameter?: string;
  },
): {state: ChatState; output: T} => {
  const parameter = input.parameter ?? 'Identity';
  const parts = parseXdsIdentity(input.identity, {scopes: SCOPES, parameter});
  if (parts.scope === 'global') {
    throw new CmdletError('GlobalNotCreatable', `The global ${c.noun} always exists; change it with Set.`, {
      target: 'Global',
      parameter,
    });
  }
  assertScopeExists(state, parts, input.identity, parameter);
  const identity = settingsIdentity(state, input.identity, parameter);
  if (findSettings(c, state, identity)) {
    throw new CmdletError('AlreadyExists', `A ${c.noun} with the identity "${identity}" already exists.`, {
      target: identity,
      parameter,
    });
  }
  const output: T = {...c.defaults(identity), ...input.values, identity, rev: input.rev};
  if (input.inMemory) return {state, output};
  return {state: c.replace(state, [...c.select(state), output]), output};
};

const assertScopeExists = (
  state: ChatState,
  parts: XdsIdentityParts,
  text: string,
  parameter: string,
): void => {
  if (parts.scope === 'site' && !findSite(state, parts.name ?? '')) {
    throw new CmdletError('SiteNotFound', `There is no site named "${parts.name ?? ''}" in the topology.`, {
      target: text,
      parameter,
    });
  }
  if (parts.scope === 'service' && !findPool(state, parts.name ?? '')) {
    throw new CmdletError('PoolNotFound', `"${parts.name ?? ''}" is not a Persistent Chat pool.`, {
      target: text,
      parameter,
    });
  }
};

/**
 * Set-*: update the given values of one collection (Global when no identity is given). An
 * identity that does not exist fails with ConfigurationNotFound, unless it comes from an
 * -InMemory instance, which Set then creates (topology spec 1.7).
 */
export const setSettings = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  state: ChatState,
  input: {
    identity?: string | null;
    values: Partial<Omit<T, 'identity' | 'rev'>>;
    rev: number;
    fromInstance?: boolean;
  },
): {state: ChatState; output: T} => {
  const parameter = input.fromInstance ? 'Instance' : 'Identity';
  const identity = settingsIdentity(state, input.identity ?? 'Global', parameter);
  const current = findSettings(c, state, identity);
  if (!current) {
    if (input.fromInstance)
      return newSettings(c, state, {identity, values: input.values, rev: input.rev, parameter});
    throw notFound(c, input.identity ?? identity, parameter);
  }
  const changed = Object.entries(input.values).some(
    ([key, value]) => (current as Record<string, unknown>)[key] !== value,
  );
  if (!changed) return {state, output: current};
  const output = {...current, ...input.values, rev: input.rev} as T;
  return {
    state: c.replace(
      state,
      c.select(state).map((item) => (item === current ? output : item)),
    ),
    output,
  };
};

/** Remove-*: delete a site or service collection; Global is reset to the defaults instead. */
export const removeSettings = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  state: ChatState,
  input: {identity: string; rev: number},
): {state: ChatState; output: {removed: boolean; reset: boolean; identity: string}} => {
  const identity = settingsIdentity(state, input.identity);
  const current = findSettings(c, state, identity);
  if (!current) throw notFound(c, input.identity);
  if (identity === 'Global') {
    const {rev: _rev, identity: _identity, ...defaults} = c.defaults('Global');
    const result = setSettings(c, state, {
      identity,
      values: defaults as Partial<Omit<T, 'identity' | 'rev'>>,
      rev: input.rev,
    });
    return {state: result.state, output: {removed: false, reset: true, identity}};
  }
  const next = c.replace(
    state,
    c.select(state).filter((item) => item !== current),
  );
  return {state: next, output: {removed: true, reset: false, identity}};
};

/** The collection that governs a pool: its service collection, else its site's, else Global (spec 1.4). */
export const effectiveSettings = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  state: ChatState,
  poolFqdn: string,
): T => {
  const pool = findPool(state, poolFqdn);
  const candidates = pool ? [`Service:PersistentChatServer:${pool.fqdn}`, `Site:${pool.site}`] : [];
  for (const identity of [...candidates, 'Global']) {
    const item = findSettings(c, state, identity);
    if (item) return item;
  }
  return c.defaults('Global');
};

/** The pools that a stored collection governs: those whose effective collection it is (spec 1.4). */
export const poolsGovernedBy = <T extends SettingsEntity>(
  c: SettingsCollection<T>,
  state: ChatState,
  identity: string,
): PersistentChatPool[] =>
  state.topology.persistentChatPools.filter(
    (p) => effectiveSettings(c, state, p.fqdn).identity.toLowerCase() === identity.toLowerCase(),
  );
