// Set-CsPersistentChatActiveServer (topology spec 2.1): which servers of a pool accept new
// connections. Add/Remove/Replace, a plain list, $Null or -Swap; validated on the result, all or
// nothing: every server a member of the pool, at most four active.

import {CmdletError, type Warning} from './errors.js';
import {parseFqdn} from './fqdn.js';
import {parsePoolIdentity, poolStateIdentity, resolvePoolIdentity} from './identity.js';
import {MAX_ACTIVE_SERVERS} from './deployment-rules.js';
import {activeServerWarnings, findServer} from './topology.js';
import type {ChatState, PersistentChatPool} from './types.js';

/** A PSListModifier of FQDNs (the cmdlet layer's ListModifier has this shape). */
export interface ServerListChange {
  readonly replace?: readonly string[];
  readonly remove?: readonly string[];
  readonly add?: readonly string[];
}

export interface SetActiveServersInput {
  readonly identity?: string | null;
  /** undefined: not given; null: `$Null`, clear the list. */
  readonly activeServers?: ServerListChange | null;
  readonly swap?: boolean;
}

export interface SetActiveServersOutput {
  readonly pool: PersistentChatPool;
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly changed: boolean;
  readonly warnings: readonly Warning[];
}

const PARAMETER = 'ActiveServers';

export const setActiveServers = (
  state: ChatState,
  input: SetActiveServersInput,
): {state: ChatState; output: SetActiveServersOutput} => {
  const swap = input.swap === true;
  if (swap === (input.activeServers !== undefined)) {
    throw new CmdletError(
      'ParameterConflict',
      'Give either -ActiveServers or -Swap (one of them, not both).',
      {parameter: PARAMETER},
    );
  }
  const change = input.activeServers ? normaliseChange(input.activeServers) : null;
  const pool = targetPool(state, input.identity ?? null, change);
  const {after, warnings} = swap ? {after: swapped(pool), warnings: []} : applyChange(pool, change);
  validate(pool, after, swap);
  const all = [...warnings, ...activeServerWarnings(pool, after)];
  const changed = !sameSet(pool.activeServers, after);
  if (!changed)
    return {
      state,
      output: {pool, before: pool.activeServers, after: pool.activeServers, changed, warnings: all},
    };
  const next = {...pool, activeServers: after};
  const pools = state.topology.persistentChatPools.map((p) => (p === pool ? next : p));
  return {
    state: {...state, topology: {...state.topology, persistentChatPools: pools}},
    output: {pool: next, before: pool.activeServers, after, changed, warnings: all},
  };
};

const normaliseChange = (change: ServerListChange): ServerListChange => {
  const fqdns = (list: readonly string[] | undefined): string[] | undefined =>
    list?.map((text) => {
      const fqdn = parseFqdn(String(text));
      if (fqdn === null)
        throw new CmdletError('InvalidValue', `"${String(text)}" is not a fully qualified domain name.`, {
          target: String(text),
          parameter: PARAMETER,
        });
      return fqdn;
    });
  return {replace: fqdns(change.replace), remove: fqdns(change.remove), add: fqdns(change.add)};
};

const named = (change: ServerListChange | null): string[] => [
  ...(change?.replace ?? []),
  ...(change?.remove ?? []),
  ...(change?.add ?? []),
];

/**
 * A pool identity names the pool; anything else (omitted, `global`, `PChatServerCollection`) means
 * the only pool, else the one pool all the given servers belong to, else PoolRequired (spec 2.1).
 */
const targetPool = (
  state: ChatState,
  identity: string | null,
  change: ServerListChange | null,
): PersistentChatPool => {
  if (identity !== null && parsePoolIdentity(identity) !== null) return resolvePoolIdentity(state, identity);
  const pools = state.topology.persistentChatPools;
  if (pools.length === 1 && pools[0]) return pools[0];
  if (pools.length === 0)
    throw new CmdletError('PoolNotFound', 'The topology has no Persistent Chat pool.', {
      parameter: 'Identity',
    });
  const fqdns = named(change);
  const owners = new Set(fqdns.map((fqdn) => findServer(state, fqdn)?.pool).filter((p) => p !== undefined));
  const [only] = owners;
  if (owners.size === 1 && only) return only;
  const strangers = fqdns.filter((fqdn) => !findServer(state, fqdn));
  if (owners.size === 0 && strangers.length > 0) {
    throw new CmdletError(
      'NotPoolMember',
      `${strangers.join(', ')} ${strangers.length > 1 ? 'are not servers' : 'is not a server'} of any Persistent Chat pool.`,
      {
        target: strangers[0] ?? null,
        parameter: PARAMETER,
      },
    );
  }
  throw new CmdletError(
    'PoolRequired',
    `There are ${pools.length} Persistent Chat pools; name one with -Identity "service:PersistentChatServer:<pool FQDN>".`,
    {parameter: 'Identity'},
  );
};

/** Replace, then Remove, then Add (the order PowerShell applies a PSListModifier in). */
const applyChange = (
  pool: PersistentChatPool,
  change: ServerListChange | null,
): {after: string[]; warnings: Warning[]} => {
  if (change === null) return {after: [], warnings: []};
  const target = poolStateIdentity(pool.fqdn);
  const warnings: Warning[] = [];
  let list = change.replace ? [...new Set(change.replace)] : [...pool.activeServers];
  for (const fqdn of change.remove ?? []) {
    if (!list.includes(fqdn))
      warnings.push({
        warningId: 'ServerNotActive',
        message: `${fqdn} is not active in pool ${pool.fqdn}; nothing to remove.`,
        target,
      });
    list = list.filter((s) => s !== fqdn);
  }
  for (const fqdn of change.add ?? []) {
    if (list.includes(fqdn))
      warnings.push({
        warningId: 'ServerAlreadyActive',
        message: `${fqdn} is already active in pool ${pool.fqdn}.`,
        target,
      });
    else list.push(fqdn);
  }
  return {after: list, warnings};
};

/** Every inactive server becomes active and every active one inactive, in the pool's server order. */
const swapped = (pool: PersistentChatPool): string[] =>
  pool.servers.map((s) => s.fqdn).filter((fqdn) => !pool.activeServers.includes(fqdn));

const validate = (pool: PersistentChatPool, after: readonly string[], swap: boolean): void => {
  const members = new Set(pool.servers.map((s) => s.fqdn));
  const strangers = after.filter((fqdn) => !members.has(fqdn));
  if (strangers.length > 0) {
    const are = strangers.length > 1 ? 'are not servers' : 'is not a server';
    throw new CmdletError('NotPoolMember', `${strangers.join(', ')} ${are} of pool ${pool.fqdn}.`, {
      target: strangers[0] ?? null,
      parameter: PARAMETER,
    });
  }
  if (after.length > MAX_ACTIVE_SERVERS) {
    const how = swap ? 'Swapping would make' : 'The change would make';
    throw new CmdletError(
      'ActiveServerLimit',
      `${how} ${after.length} servers of pool ${pool.fqdn} active; a pool has at most ${MAX_ACTIVE_SERVERS} active servers.`,
      {target: poolStateIdentity(pool.fqdn), parameter: swap ? 'Swap' : PARAMETER},
    );
  }
};

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));
