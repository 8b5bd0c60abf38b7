// What an operator needs to see of a pool before and after a failover step: its servers by data
// centre, which are active and which are far from the database, and where the databases stand.

import {databaseInUse, isActiveServer, isFarFromDatabase, storeInUse, storeName} from './topology.js';
import type {PersistentChatPool, PoolState} from './types.js';

export interface SummaryServer {
  readonly fqdn: string;
  readonly active: boolean;
  /** Active and far from the database it must sit near (topology spec 1.3, rule 9). */
  readonly far: boolean;
}

export interface PoolSummary {
  readonly fqdn: string;
  readonly poolState: PoolState;
  readonly databaseInUse: 'primary' | 'backup';
  /** `sqlFqdn\instance` of the database in use. */
  readonly database: string | null;
  readonly databaseDataCenter: string | null;
  /** In the order the data centres first appear among the pool's servers; null for servers without one. */
  readonly dataCenters: readonly {
    readonly dataCenter: string | null;
    readonly servers: readonly SummaryServer[];
  }[];
  readonly activeServers: readonly string[];
  readonly logShipping: boolean;
  /** null when the pool has no backup store. */
  readonly backupOnline: boolean | null;
  /** none: no backup mirror in the topology; standby: installed in the topology, not mirroring; active: mirroring the backup. */
  readonly backupMirror: 'none' | 'standby' | 'active';
  readonly primaryRestored: boolean;
}

export const poolSummary = (pool: PersistentChatPool): PoolSummary => {
  const groups = new Map<string | null, SummaryServer[]>();
  for (const server of pool.servers) {
    const active = isActiveServer(pool, server.fqdn);
    const entry = {fqdn: server.fqdn, active, far: active && isFarFromDatabase(pool, server.fqdn)};
    const list = groups.get(server.dataCenter) ?? [];
    list.push(entry);
    groups.set(server.dataCenter, list);
  }
  const store = storeInUse(pool);
  const {backup, backupMirror} = pool.stores;
  return {
    fqdn: pool.fqdn,
    poolState: pool.poolState,
    databaseInUse: databaseInUse(pool),
    database: storeName(store),
    databaseDataCenter: store?.dataCenter ?? null,
    dataCenters: [...groups].map(([dataCenter, servers]) => ({dataCenter, servers})),
    activeServers: pool.activeServers,
    logShipping: pool.stores.logShipping,
    backupOnline: backup ? backup.online === true : null,
    backupMirror: backupMirror ? (backupMirror.active === true ? 'active' : 'standby') : 'none',
    primaryRestored: pool.stores.primary.restored === true,
  };
};
