// Get-CsPersistentChatEligiblePrincipal (topology-and-service.md section 7.1) and the console's
// principal pickers. Every candidate of the directory is put through the same rule the room and
// category edits use (membership.ts), so what is offered here is exactly what they accept.

import type {Category, ChatState, Room} from './types.js';
import {CmdletError} from './errors.js';
import {identityOf} from './content-identity.js';
import {entryInScope, scopeOf, withinMembers} from './membership.js';
import {principalKey, refOf} from './principals.js';
import {categoryOfRoom} from './rooms.js';

export type EligibleKind = 'user' | 'contact' | 'group' | 'ou' | 'container' | 'domain';

export interface EligiblePrincipal {
  readonly kind: EligibleKind;
  /** The spelling to write into a list: SIP URI for users and contacts, DN otherwise. */
  readonly value: string;
  readonly sipAddress: string | null;
  readonly displayName: string | null;
  readonly dn: string | null;
}

export interface EligibleQuery {
  /** Creators, or a Members/Managers picker for a room of this category: the category scope. */
  readonly category?: Category;
  /** The room's own membership (its Members, or the category scope when empty), as section 7.1 lists it. */
  readonly room?: Room;
  /** Presenters of an auditorium room; the same set, refused for a Normal room. */
  readonly presenters?: boolean;
}

const domainOf = (dn: string): string | null => {
  const parts = dn.split(/(?<!\\),/).map((p) => p.trim());
  const tail: string[] = [];
  for (let i = parts.length - 1; i >= 0 && /^dc\s*=/i.test(parts[i] ?? ''); i--) tail.unshift(parts[i] ?? '');
  return tail.length > 0 ? tail.join(',') : null;
};

/** Everything the directory can name, plus non-user entries written on the lists themselves. */
const candidates = (state: ChatState, listed: readonly string[]): EligiblePrincipal[] => {
  const {users, contacts, groups, organizationalUnits, containers} = state.directory;
  const out: EligiblePrincipal[] = [
    ...users
      .filter((u) => u.sipAddress)
      .map((u): EligiblePrincipal => ({
        kind: 'user',
        value: (u.sipAddress ?? '').toLowerCase(),
        sipAddress: u.sipAddress,
        displayName: u.displayName,
        dn: u.dn,
      })),
    ...contacts
      .filter((c) => c.sipAddress)
      .map((c): EligiblePrincipal => ({
        kind: 'contact',
        value: (c.sipAddress ?? '').toLowerCase(),
        sipAddress: c.sipAddress,
        displayName: c.displayName,
        dn: c.dn,
      })),
    ...groups.map((g): EligiblePrincipal => ({
      kind: 'group',
      value: g.dn,
      sipAddress: null,
      displayName: g.displayName,
      dn: g.dn,
    })),
    ...organizationalUnits.map((dn): EligiblePrincipal => ({
      kind: 'ou',
      value: dn,
      sipAddress: null,
      displayName: null,
      dn,
    })),
    ...containers.map((dn): EligiblePrincipal => ({
      kind: 'container',
      value: dn,
      sipAddress: null,
      displayName: null,
      dn,
    })),
  ];
  const allDns = [...users, ...contacts, ...groups]
    .map((p) => p.dn)
    .concat(organizationalUnits, containers, listed);
  const domains = allDns.map(domainOf).filter((d): d is string => d !== null);
  for (const dn of domains) out.push({kind: 'domain', value: dn, sipAddress: null, displayName: null, dn});
  for (const value of listed) {
    const ref = refOf(state.directory, value);
    if (ref.kind !== 'user')
      out.push({kind: ref.kind, value, sipAddress: null, displayName: null, dn: value});
  }
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = `${c.kind}|${principalKey(c.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const KIND_ORDER: readonly EligibleKind[] = ['user', 'contact', 'group', 'ou', 'container', 'domain'];

const order = (a: EligiblePrincipal, b: EligiblePrincipal): number =>
  KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
  (a.displayName ?? a.value).localeCompare(b.displayName ?? b.value);

/** The test a candidate must pass: the category's scope, and for a room also its membership (R4, R10). */
export const eligibilityTest = (state: ChatState, query: EligibleQuery): ((value: string) => boolean) => {
  if (query.room) {
    const room = query.room;
    if (query.presenters && room.type !== 'Auditorium') {
      throw new CmdletError(
        'InvalidValue',
        `${identityOf(room)} is not an auditorium room, so it has no presenters.`,
        {target: identityOf(room), parameter: 'Presenters'},
      );
    }
    const scope = scopeOf(categoryOfRoom(state, room));
    return (value) =>
      entryInScope(state.directory, scope, value) && withinMembers(state.directory, room.members, value);
  }
  if (query.presenters)
    throw new CmdletError('ParameterConflict', '-Presenters applies to a room, not to a category.', {
      parameter: 'Presenters',
    });
  if (!query.category)
    throw new CmdletError('ParameterConflict', 'Name a category or a room.', {parameter: 'Category'});
  const scope = scopeOf(query.category);
  return (value) => entryInScope(state.directory, scope, value);
};

export const eligiblePrincipals = (state: ChatState, query: EligibleQuery): readonly EligiblePrincipal[] => {
  const test = eligibilityTest(state, query);
  const category = query.room ? categoryOfRoom(state, query.room) : query.category;
  const listed = [...(category?.allowedMembers ?? []), ...(query.room?.members ?? [])];
  return candidates(state, listed)
    .filter((c) => test(c.value))
    .toSorted(order);
};
