// The optional flags of a SQL store (`active` on the backup mirror, `restored` on the primary) read
// as false when missing; they are left out when false, so a failover and failback round trip gives
// back the stored shape it started from.

import type {SqlStore} from './types.js';

export const withStoreFlag = (store: SqlStore, key: 'active' | 'restored', on: boolean): SqlStore => {
  const copy: {-readonly [K in keyof SqlStore]: SqlStore[K]} = {...store};
  if (on) copy[key] = true;
  else delete copy[key];
  return copy;
};
