// What the panes and forms show of ChatState. Every rule here is the domain's (effective settings,
// proximity, policy scope, TimeSpan text); this module only adapts it to display text.

import type {Addin, Category, ChatState, DirectoryUser, Policy, Room, SqlStore} from '../../domain/types.js';
import {identityOf} from '../../domain/content-identity.js';
import {scopeOfIdentity, type XdsScope} from '../../domain/identity.js';
import {effectivePolicy as domainEffectivePolicy, usersUnderPolicy} from '../../domain/policies.js';
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
const effectiveBy = new WeakMap<readonly Policy[], Map<string, Policy>>();

/**
 * The policy that governs a user: the domain's rule, so the console and Grant/Get never disagree.
 * The rule reads only the policies, the user's own assignment and the user's site, so its answer is
 * kept per pair of those for the policies it was given: 50,000 users share a handful of pairs.
 */
export function effectivePolicy(state: ChatState, user: DirectoryUser): Policy {
  let byPair = effectiveBy.get(state.policies);
  if (!byPair) {
    byPair = new Map();
    effectiveBy.set(state.policies, byPair);
  }
  const key = JSON.stringify([user.persistentChatPolicy, user.site]);
  let policy = byPair.get(key);
  if (!policy) {
    policy = domainEffectivePolicy(state, user);
    byPair.set(key, policy);
  }
  return policy;
}

const categoriesById = new WeakMap<readonly Category[], Map<string, Category>>();

/** A room's category; undefined only in a damaged state, which the panes show as "?" rather than fail. */
export function categoryOf(state: ChatState, room: Room): Category | undefined {
  // 10,000 rooms each looking through the categories took most of the Rooms pane's first frame.
  let byId = categoriesById.get(state.categories);
  if (!byId) {
    byId = new Map();
    for (const c of [...state.categories].reverse()) byId.set(c.id, c);
    categoriesById.set(state.categories, byId);
  }
  return byId.get(room.categoryId);
}

const roomCounts = new WeakMap<readonly Room[], Map<string, number>>();

/** How many rooms a category holds, counted once per room list. */
export function roomsInCategory(state: ChatState, category: Category): number {
  let counts = roomCounts.get(state.rooms);
  if (!counts) {
    counts = new Map();
    for (const r of state.rooms) counts.set(r.categoryId, (counts.get(r.categoryId) ?? 0) + 1);
    roomCounts.set(state.rooms, counts);
  }
  return counts.get(category.id) ?? 0;
}

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
