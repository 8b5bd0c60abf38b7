// What the panes and forms show of ChatState. Every rule here is the domain's (effective settings,
// proximity, policy scope, TimeSpan text); this module only adapts it to display text.

import type {Addin, Category, ChatState, DirectoryUser, Policy, Room, SqlStore} from '../../domain/types.js';
import {identityOf} from '../../domain/content-identity.js';
import {scopeOfIdentity, type XdsScope} from '../../domain/identity.js';
import {usersUnderPolicy} from '../../domain/policies.js';
import {addinOfRoom} from '../../domain/rooms.js';
import {storeName as domainStoreName} from '../../domain/topology.js';

export {identityOf as objectIdentity};
export {formatTimeSpan as timeSpan} from '../../domain/timespan.js';
export {
  databaseInUse,
  isActiveServer as isActive,
  isFarFromDatabase,
  serverDataCenter,
  storeInUse,
} from '../../domain/topology.js';
// Who a policy governs is the domain's rule, so the console and Grant/Get never disagree.
export {effectivePolicy} from '../../domain/policies.js';

/** A room's category; undefined only in a damaged state, which the panes show as "?" rather than fail. */
export const categoryOf = (state: ChatState, room: Room): Category | undefined =>
  state.categories.find((c) => c.id === room.categoryId);

export const addinOf = (state: ChatState, room: Room): Addin | undefined =>
  addinOfRoom(state, room) ?? undefined;

/** A SQL store's name for display: empty where there is none. */
export const storeName = (s: SqlStore | null | undefined): string => domainStoreName(s ?? null) ?? '';

export const usersGovernedBy = (state: ChatState, policy: Policy): DirectoryUser[] =>
  usersUnderPolicy(state, policy.identity);

const SCOPE_LABELS: Readonly<Record<XdsScope, string>> = {
  global: 'Global',
  site: 'Site',
  service: 'Pool',
  tag: 'Tag',
};

/** The scope column: what the domain parses the identity as, in the console's words. */
export const scopeOf = (identity: string): string => {
  const scope = scopeOfIdentity(identity);
  return scope === null ? '?' : SCOPE_LABELS[scope];
};

export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
export const onOff = (value: boolean): string => (value ? 'on' : 'off');
