// Small readings of ChatState shared by the panes and the forms: identities, effective settings.

import type {
  Addin,
  Category,
  ChatState,
  ComplianceConfiguration,
  DirectoryUser,
  PersistentChatConfiguration,
  PersistentChatPool,
  Policy,
  Room,
  SqlStore,
} from '../../domain/types.js';
import {usersUnderPolicy} from '../../domain/policies.js';
import {storeInUse} from '../../domain/topology.js';

export const objectIdentity = (o: {poolFqdn: string; name: string}): string => `${o.poolFqdn}\\${o.name}`;

export const categoryOf = (state: ChatState, room: Room): Category | undefined =>
  state.categories.find((c) => c.id === room.categoryId);

export const addinOf = (state: ChatState, room: Room): Addin | undefined =>
  room.addinId === null ? undefined : state.addins.find((a) => a.id === room.addinId);

export const storeName = (s: SqlStore | null | undefined): string => (s ? `${s.sqlFqdn}\\${s.instance}` : '');

export {storeInUse};

export const serverDataCenter = (pool: PersistentChatPool, fqdn: string): string | null =>
  pool.servers.find((s) => s.fqdn.toLowerCase() === fqdn.toLowerCase())?.dataCenter ?? null;

export const isActive = (pool: PersistentChatPool, fqdn: string): boolean =>
  pool.activeServers.some((a) => a.toLowerCase() === fqdn.toLowerCase());

/** Rule 9 of the topology spec: an active server away from the database in use, without a fast link. */
export const isFarFromDatabase = (pool: PersistentChatPool, fqdn: string): boolean => {
  const db = storeInUse(pool)?.dataCenter ?? null;
  const dc = serverDataCenter(pool, fqdn);
  return !pool.lowLatencyLink && db !== null && dc !== null && db.toLowerCase() !== dc.toLowerCase();
};

export const stateIdentity = (pool: PersistentChatPool): string =>
  `service:PersistentChatServer:${pool.fqdn}`;

/** Configuration and compliance scopes: the pool's own, else its site's, else Global (spec 1.4). */
export function effectiveFor<T extends {identity: string}>(
  items: readonly T[],
  pool: PersistentChatPool,
): T | undefined {
  const find = (id: string) => items.find((i) => i.identity.toLowerCase() === id.toLowerCase());
  return find(`Service:PersistentChatServer:${pool.fqdn}`) ?? find(`Site:${pool.site}`) ?? find('Global');
}

export const poolsUsing = (
  state: ChatState,
  items: readonly (PersistentChatConfiguration | ComplianceConfiguration)[],
  identity: string,
): PersistentChatPool[] =>
  state.topology.persistentChatPools.filter((p) => effectiveFor(items, p)?.identity === identity);

// Who a policy governs is the domain's rule, so the console and Grant/Get never disagree.
export {effectivePolicy} from '../../domain/policies.js';

export const usersGovernedBy = (state: ChatState, policy: Policy): DirectoryUser[] =>
  usersUnderPolicy(state, policy.identity);

export const scopeOf = (identity: string): string => {
  const colon = identity.indexOf(':');
  if (colon < 0) return identity.toLowerCase() === 'global' ? 'Global' : 'Tag';
  const scope = identity.slice(0, colon).toLowerCase();
  return scope === 'site'
    ? 'Site'
    : scope === 'service'
      ? 'Pool'
      : scope === 'tag'
        ? 'Tag'
        : identity.slice(0, colon);
};

/** PowerShell TimeSpan text: "00:15:00", "1.00:00:00". */
export function timeSpan(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return `${days > 0 ? `${days}.` : ''}${hh}:${mm}:${ss}`;
}

export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
export const onOff = (value: boolean): string => (value ? 'on' : 'off');

export const countLabel = (list: readonly unknown[]): string => String(list.length);
