// Faults a rehearsal assumes: servers or whole data centres that are down. They are a drill's
// assumption about the machines, not a fact of the topology, so they live beside the state (in the
// drill record) and never in a store; the procedure checks read them (procedures.ts).
//
// Spec note: a fault marks a server (a Persistent Chat server or a SQL server, by FQDN) or a data
// centre (every server and SQL store in it) down. The cmdlets themselves ignore faults, as Lync's do:
// they write the topology whatever the machines' health. The procedures react instead: the proposed
// active set leaves down servers out, and a step whose database is down, or whose servers are all
// down, fails its check with TargetDown before its command runs; some down servers in a list warn.

import {CmdletError, type Warning} from './errors.js';
import {parseFqdn} from './fqdn.js';
import {poolStateIdentity} from './identity.js';
import {storeForState, storeName} from './topology.js';
import type {ChatState, PersistentChatPool, SqlStore} from './types.js';

export interface Faults {
  /** Lower-case FQDNs of Persistent Chat or SQL servers that are down. */
  readonly servers: readonly string[];
  /** Lower-case data centre names that are down. */
  readonly dataCenters: readonly string[];
}

export const NO_FAULTS: Faults = {servers: [], dataCenters: []};

export const hasFaults = (faults: Faults): boolean =>
  faults.servers.length > 0 || faults.dataCenters.length > 0;

const same = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/** The data centres and server FQDNs the topology knows, to resolve a --fault name against. */
const knownNames = (state: Pick<ChatState, 'topology'>): {servers: Set<string>; dataCenters: Set<string>} => {
  const servers = new Set<string>();
  const dataCenters = new Set<string>();
  for (const pool of state.topology.persistentChatPools) {
    for (const s of pool.servers) {
      servers.add(s.fqdn.toLowerCase());
      if (s.dataCenter) dataCenters.add(s.dataCenter.toLowerCase());
    }
    const {primary, primaryMirror, backup, backupMirror} = pool.stores;
    for (const store of [primary, primaryMirror, backup, backupMirror, pool.compliance.store]) {
      if (!store) continue;
      servers.add(store.sqlFqdn.toLowerCase());
      if (store.dataCenter) dataCenters.add(store.dataCenter.toLowerCase());
    }
  }
  return {servers, dataCenters};
};

/** Adds one named fault: a data centre or a server the topology knows; InvalidValue otherwise. */
export const addFault = (state: Pick<ChatState, 'topology'>, faults: Faults, name: string): Faults => {
  const known = knownNames(state);
  const key = name.trim().toLowerCase();
  if (known.dataCenters.has(key) && !faults.dataCenters.includes(key))
    return {...faults, dataCenters: [...faults.dataCenters, key]};
  const fqdn = parseFqdn(key) ?? key;
  if (known.servers.has(fqdn) && !faults.servers.includes(fqdn))
    return {...faults, servers: [...faults.servers, fqdn]};
  if (known.dataCenters.has(key) || known.servers.has(fqdn)) return faults;
  throw new CmdletError(
    'InvalidValue',
    `"${name}" is neither a data centre (${[...known.dataCenters].join(', ')}) nor a server of the topology.`,
    {target: name},
  );
};

export const isServerDown = (pool: PersistentChatPool, fqdn: string, faults: Faults): boolean => {
  if (faults.servers.some((s) => same(fqdn, s))) return true;
  const dc = pool.servers.find((s) => same(s.fqdn, fqdn))?.dataCenter ?? null;
  return faults.dataCenters.some((d) => same(dc, d));
};

export const isStoreDown = (store: SqlStore | null, faults: Faults): boolean =>
  store !== null &&
  (faults.servers.some((s) => same(store.sqlFqdn, s)) ||
    faults.dataCenters.some((d) => same(store.dataCenter, d)));

/** The SQL stores a procedure step works on (topology spec 1.5, 1.6: where its SQL work runs). */
export type FaultTarget =
  | {readonly kind: 'stores'; readonly stores: readonly {store: SqlStore | null; what: string}[]}
  | {readonly kind: 'servers'; readonly servers: readonly string[]}
  | {readonly kind: 'none'};

export interface FaultCheck {
  readonly error: CmdletError | null;
  readonly warnings: readonly Warning[];
}

/** Whether the machines a step needs are up under these faults. */
export const checkFaults = (pool: PersistentChatPool, target: FaultTarget, faults: Faults): FaultCheck => {
  const identity = poolStateIdentity(pool.fqdn);
  if (!hasFaults(faults)) return {error: null, warnings: []};
  switch (target.kind) {
    case 'none':
      return {error: null, warnings: []};
    case 'stores': {
      const down = target.stores.find((s) => isStoreDown(s.store, faults));
      if (!down?.store) return {error: null, warnings: []};
      return {
        error: new CmdletError(
          'TargetDown',
          `The ${down.what} ${storeName(down.store)} of pool ${pool.fqdn} is down (data centre ${down.store.dataCenter ?? 'unknown'}), so this step cannot run.`,
          {target: identity},
        ),
        warnings: [],
      };
    }
    case 'servers': {
      const down = target.servers.filter((s) => isServerDown(pool, s, faults));
      // An empty list under faults is a proposal that left every server out: all were down.
      if (down.length === target.servers.length)
        return {
          error: new CmdletError(
            'TargetDown',
            `Every server this step could make active is down${down.length > 0 ? ` (${down.join(', ')})` : ''}, so pool ${pool.fqdn} would accept no connections.`,
            {target: identity},
          ),
          warnings: [],
        };
      return {
        error: null,
        warnings:
          down.length === 0
            ? []
            : [
                {
                  warningId: 'ServerDown',
                  message: `Some servers this step makes active are down: ${down.join(', ')}.`,
                  target: identity,
                },
              ],
      };
    }
  }
};

/** The database a pool state runs on, as a fault target. */
export const poolStateTarget = (
  pool: PersistentChatPool,
  poolState: PersistentChatPool['poolState'],
): FaultTarget => ({
  kind: 'stores',
  stores: [
    {
      store: storeForState(pool, poolState),
      what: poolState === 'FailedOver' ? 'backup database' : 'primary database',
    },
  ],
});
