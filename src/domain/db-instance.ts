// A DBInstance (`sqlFqdn\instance`) in Export/Import names a pool's primary or backup store, and so
// the pool (contract section 5).

import {CmdletError} from './errors.js';
import type {ChatState, PersistentChatPool, SqlStore} from './types.js';

const named = (store: SqlStore | null, text: string): boolean =>
  store !== null && `${store.sqlFqdn}\\${store.instance}`.toLowerCase() === text.trim().toLowerCase();

export function poolOfDbInstance(state: ChatState, dbInstance: string): PersistentChatPool {
  const pool = state.topology.persistentChatPools.find(
    (p) => named(p.stores.primary, dbInstance) || named(p.stores.backup, dbInstance),
  );
  if (!pool)
    throw new CmdletError(
      'StoreNotFound',
      `No Persistent Chat pool has the database instance "${dbInstance}" as its primary or backup store.`,
      {target: dbInstance, parameter: 'DBInstance'},
    );
  return pool;
}
