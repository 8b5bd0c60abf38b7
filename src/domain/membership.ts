// The membership rules R1-R5, R7 and R10 of rooms-and-content.md section 1.3. Room validation,
// the eligibility cmdlet and the console's pickers all ask `entryInScope`, so a picker can never
// offer a principal that a room or category would refuse.

import type {Category, Directory, Room} from './types.js';
import {dnWithin, indexDirectory, personBySip, principalKey, refOf, type PrincipalRef} from './principals.js';

/** A category's Allowed/Denied lists: the scope of R1. */
export interface Scope {
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
}

export const scopeOf = (category: Pick<Category, 'allowedMembers' | 'deniedMembers'>): Scope => ({
  allowed: category.allowedMembers,
  denied: category.deniedMembers,
});

/** A user or contact as the rules see it: its SIP URI and, when the directory knows it, its DN. */
export interface Person {
  readonly sip: string | null;
  readonly dn: string | null;
}

export const personOf = (directory: Directory, sip: string): Person => ({
  sip: principalKey(sip),
  dn: personBySip(directory, sip)?.dn ?? null,
});

/** Direct or nested membership; cycles in the group graph are tolerated. */
export const isGroupMember = (directory: Directory, groupDn: string, memberDn: string): boolean => {
  const groups = indexDirectory(directory).groups;
  const target = principalKey(memberDn);
  const seen = new Set<string>();
  const stack = [principalKey(groupDn)];
  while (stack.length > 0) {
    const key = stack.pop() ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    for (const member of groups.get(key)?.members ?? []) {
      const memberKey = principalKey(member);
      if (memberKey === target) return true;
      if (groups.has(memberKey)) stack.push(memberKey);
    }
  }
  return false;
};

/** R2: does this list entry cover the person? */
export const coversPerson = (directory: Directory, entry: PrincipalRef, person: Person): boolean => {
  switch (entry.kind) {
    case 'user':
      return person.sip !== null && principalKey(entry.value) === person.sip;
    case 'ou':
    case 'container':
    case 'domain':
      return person.dn !== null && dnWithin(person.dn, entry.value);
    case 'group':
      return person.dn !== null && isGroupMember(directory, entry.value, person.dn);
  }
};

/** R3: is the non-user entry `inner` contained by the entry `outer`? */
export const containsEntry = (outer: PrincipalRef, inner: PrincipalRef): boolean => {
  if (principalKey(outer.value) === principalKey(inner.value)) return true;
  return (
    (outer.kind === 'ou' || outer.kind === 'container' || outer.kind === 'domain') &&
    dnWithin(inner.value, outer.value)
  );
};

/** True when some entry of the list covers (users) or contains (other entries) the given one. */
export const listReaches = (directory: Directory, list: readonly string[], value: string): boolean => {
  const target = refOf(directory, value);
  const person = target.kind === 'user' ? personOf(directory, target.value) : null;
  return list.some((raw) => {
    const entry = refOf(directory, raw);
    return person ? coversPerson(directory, entry, person) : containsEntry(entry, target);
  });
};

/**
 * R1 + R4/R5: the one rule that decides whether an entry may be written into a list governed by
 * this scope. Allowed must reach it, and Denied must not (Denied always wins). Empty Allowed = nobody.
 */
export const entryInScope = (directory: Directory, scope: Scope, value: string): boolean =>
  listReaches(directory, scope.allowed, value) && !listReaches(directory, scope.denied, value);

/** R10: a presenter must sit inside the room's Members; an empty list inherits the category (R7). */
export const withinMembers = (directory: Directory, members: readonly string[], value: string): boolean =>
  members.length === 0 || listReaches(directory, members, value);

/** R1 for one person (a user looked up by SIP URI). */
export const personInScope = (directory: Directory, scope: Scope, sip: string): boolean =>
  entryInScope(directory, scope, sip);

/** R7: effective membership of a person in a room. */
export const isEffectiveMember = (
  directory: Directory,
  category: Category,
  room: Room,
  sip: string,
): boolean => personInScope(directory, scopeOf(category), sip) && withinMembers(directory, room.members, sip);

/** R8 view: managers entries covering the person (in scope at evaluation time, R6). */
export const isManager = (directory: Directory, category: Category, room: Room, sip: string): boolean =>
  personInScope(directory, scopeOf(category), sip) &&
  room.managers.length > 0 &&
  listReaches(directory, room.managers, sip);

/** Presenters entries covering the person (only auditoriums keep any, I5). */
export const isPresenter = (directory: Directory, category: Category, room: Room, sip: string): boolean =>
  personInScope(directory, scopeOf(category), sip) &&
  room.presenters.length > 0 &&
  listReaches(directory, room.presenters, sip);
