// Set-CsPersistentChatRoom (rooms-and-content.md section 3.3): scalar changes, the three role
// lists, moves between categories (R17) and the auditorium rules (R9, R10), all or nothing.

import type {Category, ChatState, Room} from './types.js';
import {replaceItems} from './collection-index.js';
import {CmdletError, type Warning} from './errors.js';
import {assertNameFree, identityOf, validateDescription, validateName} from './content-identity.js';
import {applyListChange, type ListChange, type ListResult} from './list-modifier.js';
import {entryInScope, scopeOf, withinMembers} from './membership.js';
import {parsePrincipal, principalKey} from './principals.js';
import {
  categoryOfRoom,
  findInPool,
  findRoom,
  parseRoomInvitations,
  parseRoomPrivacy,
  parseRoomType,
} from './rooms.js';

export interface SetRoomInput {
  readonly identity: string;
  readonly name?: string;
  /** Move to this category (name or identity, same pool). */
  readonly category?: string;
  readonly description?: string | null;
  readonly type?: string;
  readonly privacy?: string;
  readonly invitations?: string;
  readonly disabled?: boolean;
  /** Add-in name; null or "" detaches. */
  readonly addin?: string | null;
  readonly members?: ListChange | null;
  readonly managers?: ListChange | null;
  readonly presenters?: ListChange | null;
  readonly asObject?: boolean;
  readonly rev: number;
}

export interface SetRoomResult {
  readonly state: ChatState;
  readonly output: Room;
  readonly warnings: readonly Warning[];
}

type ListName = 'Members' | 'Managers' | 'Presenters';

interface Lists {
  members: ListResult;
  managers: ListResult;
  presenters: ListResult;
}

const without = (result: ListResult, drop: readonly string[]): ListResult => {
  if (drop.length === 0) return result;
  const keys = new Set(drop.map(principalKey));
  return {list: result.list.filter((v) => !keys.has(principalKey(v))), added: result.added, changed: true};
};

const preExisting = (result: ListResult): readonly string[] => {
  const added = new Set(result.added.map(principalKey));
  return result.list.filter((v) => !added.has(principalKey(v)));
};

const applyLists = (state: ChatState, room: Room, input: SetRoomInput): Lists => {
  const stored = (parameter: ListName) => (raw: string) =>
    parsePrincipal(state.directory, raw, parameter, input.asObject).value;
  return {
    members: applyListChange(room.members, input.members, stored('Members')),
    managers: applyListChange(room.managers, input.managers, stored('Managers')),
    presenters: applyListChange(room.presenters, input.presenters, stored('Presenters')),
  };
};

/** R17: entries already on the room that the new category does not allow are purged, with a warning. */
const purgeForMove = (
  state: ChatState,
  room: Room,
  category: Category,
  lists: Lists,
  warnings: Warning[],
): Lists => {
  const out = (r: ListResult) =>
    preExisting(r).filter((v) => !entryInScope(state.directory, scopeOf(category), v));
  const gone = {
    members: out(lists.members),
    managers: out(lists.managers),
    presenters: out(lists.presenters),
  };
  const all = [...gone.members, ...gone.managers, ...gone.presenters];
  if (all.length > 0) {
    warnings.push({
      warningId: 'PrincipalsPurged',
      message: `Moving ${identityOf(room)} to category ${identityOf(category)} removed ${all.join(', ')}, which the new category does not allow.`,
      target: identityOf(room),
    });
  }
  return {
    members: without(lists.members, gone.members),
    managers: without(lists.managers, gone.managers),
    presenters: without(lists.presenters, gone.presenters),
  };
};

/** R9 and R10 clean-ups of presenters that were already on the room. */
const cleanPresenters = (
  state: ChatState,
  room: Room,
  type: Room['type'],
  lists: Lists,
  warnings: Warning[],
): ListResult => {
  const old = preExisting(lists.presenters);
  if (type === 'Normal' && old.length > 0) {
    warnings.push({
      warningId: 'PresentersCleared',
      message: `${identityOf(room)} is no longer an auditorium; its presenters (${old.join(', ')}) were removed.`,
      target: identityOf(room),
    });
    return without(lists.presenters, old);
  }
  if (!lists.members.changed) return lists.presenters;
  const outside = old.filter((p) => !withinMembers(state.directory, lists.members.list, p));
  if (outside.length > 0) {
    warnings.push({
      warningId: 'PresentersRemoved',
      message: `${outside.join(', ')} no longer within the members of ${identityOf(room)}, so no longer presenting.`,
      target: identityOf(room),
    });
  }
  return without(lists.presenters, outside);
};

/** R4, R9, R10 for the entries this command writes. */
const validateAdded = (
  state: ChatState,
  room: Room,
  category: Category,
  type: Room['type'],
  lists: Lists,
): void => {
  const target = identityOf(room);
  for (const [name, result] of [
    ['Members', lists.members],
    ['Managers', lists.managers],
    ['Presenters', lists.presenters],
  ] as const) {
    const outside = result.added.filter((v) => !entryInScope(state.directory, scopeOf(category), v));
    if (outside.length > 0) {
      throw new CmdletError(
        'PrincipalNotInScope',
        `${outside.join(', ')} cannot be added to ${name} of ${target}: category ${identityOf(category)} does not allow ${outside.length === 1 ? 'it' : 'them'}.`,
        {target, parameter: name},
      );
    }
  }
  if (lists.presenters.added.length === 0) return;
  if (type !== 'Auditorium') {
    throw new CmdletError(
      'PresenterNotAllowed',
      `${target} is not an auditorium room; only auditoriums have presenters.`,
      {target, parameter: 'Presenters'},
    );
  }
  const notMembers = lists.presenters.added.filter(
    (p) => !withinMembers(state.directory, lists.members.list, p),
  );
  if (notMembers.length > 0) {
    throw new CmdletError(
      'PresenterNotAllowed',
      `${notMembers.join(', ')} must be members of ${target} to present.`,
      {target, parameter: 'Presenters'},
    );
  }
};

/** Order of evaluation (section 3.3): room, category, scalars, lists, purge, clean-ups, validation. */
export const setRoom = (state: ChatState, input: SetRoomInput): SetRoomResult => {
  const room = findRoom(state, input.identity);
  const category =
    input.category === undefined
      ? categoryOfRoom(state, room)
      : findInPool(state.categories, room.poolFqdn, input.category, 'Category', 'Category');
  const moved = category.id !== room.categoryId;
  const name = input.name === undefined ? room.name : validateName(input.name, 'Room');
  if (name !== room.name) assertNameFree(state, 'Room', room.poolFqdn, name, room.id);
  const type = parseRoomType(input.type, room.type);
  const addinId =
    input.addin === undefined
      ? room.addinId
      : input.addin === null || input.addin === ''
        ? null
        : findInPool(state.addins, room.poolFqdn, input.addin, 'Addin', 'Addin').id;

  const warnings: Warning[] = [];
  let lists = applyLists(state, room, input);
  if (moved) lists = purgeForMove(state, room, category, lists, warnings);
  lists = {...lists, presenters: cleanPresenters(state, room, type, lists, warnings)};
  validateAdded(state, room, category, type, lists);

  const next: Room = {
    ...room,
    name,
    categoryId: category.id,
    description: input.description === undefined ? room.description : validateDescription(input.description),
    type,
    privacy: parseRoomPrivacy(input.privacy, room.privacy),
    invitations: parseRoomInvitations(input.invitations, room.invitations),
    disabled: input.disabled ?? room.disabled,
    addinId,
    members: lists.members.list,
    managers: lists.managers.list,
    presenters: lists.presenters.list,
  };
  const changed = (Object.keys(next) as (keyof Room)[]).some((k) => next[k] !== room[k]);
  if (!changed) return {state, output: room, warnings: []};
  const saved: Room = {...next, rev: input.rev};
  return {
    state: {...state, rooms: replaceItems(state.rooms, new Map([[room, saved]]))},
    output: saved,
    warnings,
  };
};
