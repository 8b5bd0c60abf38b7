// Questions about the topology that several cmdlets ask: which pool, which site, which server,
// which database is in use, and whether the active servers sit near it (topology spec 1.3).

import {CmdletError, type Warning} from './errors.js';
import {parseFqdn} from './fqdn.js';
import {poolStateIdentity} from './identity.js';
import type {ChatState, PersistentChatPool, PoolServer, Site, SqlStore, PoolState} from './types.js';

type TopologyOf = Pick<ChatState, 'topology'>;

export const findPool = (state: TopologyOf, fqdn: string): PersistentChatPool | undefined => {
  const key = parseFqdn(fqdn) ?? fqdn.toLowerCase();
  return state.topology.persistentChatPools.find((p) => p.fqdn.toLowerCase() === key);
};

export const findSite = (state: TopologyOf, name: string): Site | undefined =>
  state.topology.sites.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());

/** The pool that owns a server, and the server. */
export const findServer = (
  state: TopologyOf,
  fqdn: string,
): {pool: PersistentChatPool; server: PoolServer} | undefined => {
  const key = parseFqdn(fqdn) ?? fqdn.toLowerCase();
  for (const pool of state.topology.persistentChatPools) {
    const server = pool.servers.find((s) => s.fqdn.toLowerCase() === key);
    if (server) return {pool, server};
  }
  return undefined;
};

/**
 * The pool a content cmdlet works on: the named one (PoolNotFound when unknown), else the only
 * pool, else PoolRequired (rooms spec 0.1, topology spec 9.1).
 */
export const defaultPool = (
  state: TopologyOf,
  fqdn?: string | null,
  parameter = 'PersistentChatPoolFqdn',
): PersistentChatPool => {
  if (fqdn != null) {
    const pool = findPool(state, fqdn);
    if (pool) return pool;
    throw new CmdletError('PoolNotFound', `"${fqdn}" is not a Persistent Chat pool.`, {
      target: fqdn,
      parameter,
    });
  }
  const pools = state.topology.persistentChatPools;
  if (pools.length === 1 && pools[0]) return pools[0];
  throw new CmdletError(
    'PoolRequired',
    `There are ${pools.length} Persistent Chat pools; name one with -${parameter}.`,
    {parameter},
  );
};

/** `primary` while Normal, `backup` while FailedOver. */
export const databaseInUse = (pool: PersistentChatPool): 'primary' | 'backup' =>
  pool.poolState === 'FailedOver' ? 'backup' : 'primary';

/** The database a pool uses in a pool state: the primary while Normal, the backup while FailedOver. */
export const storeForState = (pool: PersistentChatPool, poolState: PoolState): SqlStore | null =>
  poolState === 'FailedOver' ? pool.stores.backup : pool.stores.primary;

export const storeInUse = (pool: PersistentChatPool): SqlStore | null => storeForState(pool, pool.poolState);

/** `sql1.dc1.example.org\rtc`: how a SQL store is named (DBInstance). */
export const storeName = (store: SqlStore | null): string | null =>
  store ? `${store.sqlFqdn}\\${store.instance}` : null;

/** The data centre of one of the pool's servers, or null when the server or its data centre is unknown. */
export const serverDataCenter = (pool: PersistentChatPool, fqdn: string): string | null =>
  pool.servers.find((s) => s.fqdn.toLowerCase() === fqdn.toLowerCase())?.dataCenter ?? null;

export const isActiveServer = (pool: PersistentChatPool, fqdn: string): boolean =>
  pool.activeServers.some((a) => a.toLowerCase() === fqdn.toLowerCase());

/**
 * The database the active servers must sit near: the one in use, except once failback has restored
 * the primary (failback step 4) while the pool is still FailedOver; then it is the primary, because
 * failback step 6 sets the active servers for the primary before step 7 returns the pool to it.
 */
// Spec note: section 1.6 step 6 asks for servers "in the same data centre as the primary database"
// while the pool is still FailedOver; measuring against the backup there would warn on the documented order.
export const proximityStore = (pool: PersistentChatPool): SqlStore | null =>
  pool.poolState === 'FailedOver' && pool.stores.primary.restored === true
    ? pool.stores.primary
    : storeInUse(pool);

/**
 * Rule 9 of the topology spec: a server in another data centre than the database it must be near
 * (proximityStore), while the pool has no low-latency link to it. The active-list warning and the
 * console's marks both ask this.
 */
export const isFarFromDatabase = (pool: PersistentChatPool, fqdn: string): boolean => {
  if (pool.lowLatencyLink) return false;
  const db = proximityStore(pool)?.dataCenter ?? null;
  const dc = serverDataCenter(pool, fqdn);
  return db !== null && dc !== null && db.toLowerCase() !== dc.toLowerCase();
};

/**
 * Warnings about an active list (topology spec 1.3): none active, or an active server in another
 * data centre than the database in use while the pool has no low-latency link.
 */
export const activeServerWarnings = (pool: PersistentChatPool, active: readonly string[]): Warning[] => {
  const target = poolStateIdentity(pool.fqdn);
  if (active.length === 0) {
    return [
      {
        warningId: 'NoActiveServers',
        message: `Pool ${pool.fqdn} has no active servers: it accepts no new connections.`,
        target,
      },
    ];
  }
  const far = active.filter((fqdn) => isFarFromDatabase(pool, fqdn));
  if (far.length === 0) return [];
  const store = proximityStore(pool);
  const dc = store?.dataCenter ?? '';
  const which =
    store === storeInUse(pool)
      ? `the ${databaseInUse(pool)} database in use`
      : 'the restored primary database the pool returns to';
  const message =
    `Active server${far.length > 1 ? 's' : ''} ${far.join(', ')} ${far.length > 1 ? 'are' : 'is'} not in data centre ${dc}, ` +
    `where ${which} (${storeName(store) ?? ''}) is, and the pool has no low-latency link to it.`;
  return [{warningId: 'ActiveServerFarFromDatabase', message, target}];
};

/** `DC=example,DC=org`: the directory's domain, from its DNs, else from the first SIP domain. */
export const domainDn = (state: Pick<ChatState, 'directory' | 'sipDomains'>): string => {
  const dir = state.directory;
  const dns = [
    ...dir.organizationalUnits,
    ...dir.containers,
    ...dir.users.map((u) => u.dn),
    ...dir.groups.map((g) => g.dn),
  ];
  for (const dn of dns) {
    const match = /(?:^|,)\s*(DC=[^,]+(?:\s*,\s*DC=[^,]+)*)\s*$/i.exec(dn);
    if (match?.[1]) return match[1].replace(/\s*,\s*/g, ',');
  }
  return (state.sipDomains[0] ?? 'example.org')
    .split('.')
    .map((part) => `DC=${part}`)
    .join(',');
};

/** The container of Persistent Chat endpoints (topology spec 5). */
export const applicationContactsContainer = (state: Pick<ChatState, 'directory' | 'sipDomains'>): string =>
  `CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,${domainDn(state)}`;
