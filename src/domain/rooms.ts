// Room operations (rooms-and-content.md section 3): lookup, New and Remove. Set lives in
// room-set.ts, the Get filters in room-query.ts.

import type {Addin, Category, ChatState, Room, RoomInvitations, RoomPrivacy, RoomType} from './types.js';
import type {Effect} from './ports.js';
import {appendItem} from './collection-index.js';
import {CmdletError} from './errors.js';
import {
  assertNameFree,
  findByIdentity,
  findPool,
  identityOf,
  kindWord,
  notFound,
  resolvePool,
  sameText,
  splitIdentity,
  validateDescription,
  validateName,
  type ContentKind,
  type PooledNamed,
} from './content-identity.js';
import {findCategory} from './categories.js';

export const findRoom = (state: ChatState, identity: string, parameter = 'Identity'): Room =>
  findByIdentity(state.rooms, identity, 'Room', parameter);

/** The category of a room (I1 guarantees it exists). */
export const categoryOfRoom = (state: ChatState, room: Room): Category => {
  const category = state.categories.find((c) => c.id === room.categoryId);
  if (!category)
    throw new CmdletError(
      'CategoryNotFound',
      `The category of chat room ${identityOf(room)} no longer exists.`,
      {target: identityOf(room)},
    );
  return category;
};

export const addinOfRoom = (state: ChatState, room: Room): Addin | null =>
  state.addins.find((a) => a.id === room.addinId) ?? null;

/** Spec note: `ma-chan://<domain>/<id>` with the deployment's first SIP domain, as the real URIs carry. */
export const chatRoomUri = (state: ChatState, room: Room): string =>
  `ma-chan://${state.sipDomains[0] ?? room.poolFqdn}/${room.id}`;

/** Finds a room by identity or by its `ma-chan://` URI. */
export const findRoomByUriOrIdentity = (state: ChatState, ref: string, parameter: string): Room => {
  if (!ref.trim().toLowerCase().startsWith('ma-chan://')) return findRoom(state, ref, parameter);
  const id = ref.trim().slice(ref.trim().lastIndexOf('/') + 1);
  const room = state.rooms.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!room) throw notFound('Room', ref, parameter);
  return room;
};

/**
 * A category or add-in named for a room in `poolFqdn`: a name is looked up in that pool, an
 * identity must point into it. One found only in another pool is a CrossPoolReference.
 */
export const findInPool = <T extends PooledNamed>(
  items: readonly T[],
  poolFqdn: string,
  ref: string,
  kind: ContentKind,
  parameter: string,
): T => {
  const {pool, name} = splitIdentity(ref);
  const cross = new CmdletError(
    'CrossPoolReference',
    `The ${kindWord(kind)} "${ref}" is not in pool ${poolFqdn}; a chat room and its ${kindWord(kind)} must be in the same pool.`,
    {target: ref, parameter},
  );
  if (pool !== null && !sameText(pool, poolFqdn)) {
    if (items.some((i) => sameText(i.poolFqdn, pool) && sameText(i.name, name))) throw cross;
    throw notFound(kind, ref, parameter);
  }
  const hit = items.find((i) => sameText(i.poolFqdn, poolFqdn) && sameText(i.name, name));
  if (hit) return hit;
  if (items.some((i) => sameText(i.name, name))) throw cross;
  throw notFound(kind, ref, parameter);
};

/** Pool resolution for New-CsPersistentChatRoom (section 3.2), returning the pool and the category. */
export const resolveNewRoomCategory = (
  state: ChatState,
  categoryRef: string,
  poolFqdn: string | null | undefined,
): Category => {
  if (poolFqdn)
    return findInPool(state.categories, findPool(state, poolFqdn).fqdn, categoryRef, 'Category', 'Category');
  const {pool, name} = splitIdentity(categoryRef);
  if (pool !== null) return findCategory(state, categoryRef, 'Category');
  if (state.topology.persistentChatPools.length <= 1)
    return findInPool(state.categories, resolvePool(state, null).fqdn, name, 'Category', 'Category');
  const named = state.categories.filter((c) => sameText(c.name, name));
  if (named.length === 1 && named[0]) return named[0];
  if (named.length === 0) throw notFound('Category', categoryRef, 'Category');
  throw new CmdletError(
    'PoolRequired',
    `Categories named "${name}" exist in ${named.length} pools; name one with -PersistentChatPoolFqdn or give the category as <pool>\\${name}.`,
    {target: categoryRef, parameter: 'PersistentChatPoolFqdn'},
  );
};

const parseEnum = <T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  parameter: string,
): T => {
  if (value === undefined) return fallback;
  const hit = allowed.find((a) => sameText(a, value));
  if (!hit)
    throw new CmdletError(
      'InvalidValue',
      `"${value}" is not a valid ${parameter}; use one of ${allowed.join(', ')}.`,
      {parameter},
    );
  return hit;
};

export const ROOM_TYPES: readonly RoomType[] = ['Normal', 'Auditorium'];
export const ROOM_PRIVACY: readonly RoomPrivacy[] = ['Open', 'Closed', 'Secret'];
export const ROOM_INVITATIONS: readonly RoomInvitations[] = ['Inherit', 'False'];

export const parseRoomType = (v: string | undefined, fallback: RoomType): RoomType =>
  parseEnum(v, ROOM_TYPES, fallback, 'Type');
export const parseRoomPrivacy = (v: string | undefined, fallback: RoomPrivacy): RoomPrivacy =>
  parseEnum(v, ROOM_PRIVACY, fallback, 'Privacy');
export const parseRoomInvitations = (v: string | undefined, fallback: RoomInvitations): RoomInvitations =>
  parseEnum(v, ROOM_INVITATIONS, fallback, 'Invitations');

export interface NewRoomInput {
  readonly name: string;
  readonly category: string;
  readonly poolFqdn?: string | null;
  readonly description?: string | null;
  readonly type?: string;
  readonly privacy?: string;
  readonly invitations?: string;
  readonly disabled?: boolean;
  readonly addin?: string | null;
  readonly id: string;
  readonly rev: number;
}

/**
 * Spec note: R13 invitation records are informational and have no place in the state document,
 * so creating a room records none. R19: the administrator is not checked against Creators.
 */
export const newRoom = (state: ChatState, input: NewRoomInput): {state: ChatState; output: Room} => {
  const name = validateName(input.name, 'Room');
  const category = resolveNewRoomCategory(state, input.category, input.poolFqdn);
  assertNameFree(state, 'Room', category.poolFqdn, name, null);
  const addin = input.addin
    ? findInPool(state.addins, category.poolFqdn, input.addin, 'Addin', 'Addin')
    : null;
  const room: Room = {
    id: input.id,
    name,
    poolFqdn: category.poolFqdn,
    categoryId: category.id,
    description: validateDescription(input.description ?? null),
    type: parseRoomType(input.type, 'Normal'),
    privacy: parseRoomPrivacy(input.privacy, 'Closed'),
    invitations: parseRoomInvitations(input.invitations, 'Inherit'),
    disabled: input.disabled ?? false,
    addinId: addin?.id ?? null,
    members: [],
    managers: [],
    presenters: [],
    rev: input.rev,
  };
  return {state: {...state, rooms: appendItem(state.rooms, room)}, output: room};
};

/** The effect that purges a room's messages (I6). */
export const deleteRoomMessages = (roomId: string): Effect => ({
  kind: 'rewriteMessages',
  roomIds: [roomId],
  rewrite: () => null,
});

/** Removes the room; its messages go with it through the returned effect. */
export const removeRoom = (
  state: ChatState,
  input: {readonly identity: string},
): {state: ChatState; output: Room; effects: readonly Effect[]} => {
  const room = findRoom(state, input.identity);
  return {
    state: {...state, rooms: state.rooms.filter((r) => r.id !== room.id)},
    output: room,
    effects: [deleteRoomMessages(room.id)],
  };
};
