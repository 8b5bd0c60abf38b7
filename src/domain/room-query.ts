// Get-CsPersistentChatRoom (rooms-and-content.md section 3.1): Identity alone, or any mix of
// filters combined with AND, in pool/name order, capped by ResultSize.

import type {ChatState, Room} from './types.js';
import {CmdletError} from './errors.js';
import {findByIdentity, resolvePool, sameText, splitIdentity} from './content-identity.js';
import {byPoolThenName} from './categories.js';
import {isEffectiveMember, isManager} from './membership.js';
import {parsePrincipal} from './principals.js';
import {categoryOfRoom, findRoom, parseRoomInvitations, parseRoomPrivacy, parseRoomType} from './rooms.js';

export interface GetRoomsInput {
  readonly identity?: string;
  readonly poolFqdn?: string;
  readonly category?: string;
  /** Built by the caller: the -Filter test (text pattern or script block). */
  readonly filter?: (room: Room) => boolean;
  readonly member?: string;
  readonly manager?: string;
  readonly addin?: string;
  readonly disabled?: boolean;
  readonly privacy?: string;
  readonly type?: string;
  readonly invitations?: string;
  /** Rooms whose stored message text is larger than this many MB; `contentBytes` measures a room. */
  readonly chatContentExceedsMB?: number;
  readonly contentBytes?: (room: Room) => number;
  readonly resultSize?: number;
}

const FILTER_KEYS = [
  'poolFqdn',
  'category',
  'filter',
  'member',
  'manager',
  'addin',
  'disabled',
  'privacy',
  'type',
  'invitations',
  'chatContentExceedsMB',
] as const;

/** Plain -Filter text: `*`/`?` wildcards match the whole value, other text is a substring; case-insensitive. */
export const textMatcher = (pattern: string): ((value: string | null) => boolean) => {
  if (!/[*?]/.test(pattern)) {
    const needle = pattern.toLowerCase();
    return (value) => value !== null && value.toLowerCase().includes(needle);
  }
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`, 'is');
  return (value) => value !== null && regex.test(value);
};

/** -Filter as plain text against Name, and Description with -SearchDescription. */
export const roomTextFilter = (pattern: string, searchDescription: boolean): ((room: Room) => boolean) => {
  const match = textMatcher(pattern);
  return (room) => match(room.name) || (searchDescription && match(room.description));
};

const userSip = (state: ChatState, raw: string, parameter: string): string => {
  const ref = parsePrincipal(state.directory, raw, parameter, true);
  if (ref.kind !== 'user')
    throw new CmdletError('InvalidValue', `-${parameter} takes one user (a SIP address), not "${raw}".`, {
      parameter,
    });
  return ref.value;
};

const predicates = (state: ChatState, input: GetRoomsInput): ((room: Room) => boolean)[] => {
  const tests: ((room: Room) => boolean)[] = [];
  if (input.poolFqdn !== undefined) {
    const pool = resolvePool(state, input.poolFqdn);
    tests.push((r) => sameText(r.poolFqdn, pool.fqdn));
  }
  if (input.category !== undefined) {
    const pooled = input.poolFqdn !== undefined && splitIdentity(input.category).pool === null;
    const candidates = pooled
      ? state.categories.filter((c) => sameText(c.poolFqdn, input.poolFqdn ?? ''))
      : state.categories;
    const category = findByIdentity(candidates, input.category, 'Category', 'Category');
    tests.push((r) => r.categoryId === category.id);
  }
  if (input.addin !== undefined) {
    const addin = findByIdentity(state.addins, input.addin, 'Addin', 'Addin');
    tests.push((r) => r.addinId === addin.id);
  }
  if (input.member !== undefined) {
    const sip = userSip(state, input.member, 'Members');
    tests.push((r) => isEffectiveMember(state.directory, categoryOfRoom(state, r), r, sip));
  }
  if (input.manager !== undefined) {
    const sip = userSip(state, input.manager, 'Managers');
    tests.push((r) => isManager(state.directory, categoryOfRoom(state, r), r, sip));
  }
  if (input.disabled !== undefined) tests.push((r) => r.disabled === input.disabled);
  if (input.privacy !== undefined) {
    const privacy = parseRoomPrivacy(input.privacy, 'Closed');
    tests.push((r) => r.privacy === privacy);
  }
  if (input.type !== undefined) {
    const type = parseRoomType(input.type, 'Normal');
    tests.push((r) => r.type === type);
  }
  if (input.invitations !== undefined) {
    const invitations = parseRoomInvitations(input.invitations, 'Inherit');
    tests.push((r) => r.invitations === invitations);
  }
  if (input.filter) tests.push(input.filter);
  return tests;
};

export const getRooms = (state: ChatState, input: GetRoomsInput): readonly Room[] => {
  const size = input.resultSize;
  if (size !== undefined && (!Number.isInteger(size) || size < 0)) {
    throw new CmdletError(
      'InvalidValue',
      `ResultSize must be a whole number from 0 to 2147483647, not ${size}.`,
      {parameter: 'ResultSize'},
    );
  }
  if (input.identity !== undefined) {
    const given = FILTER_KEYS.filter((k) => input[k] !== undefined);
    if (given.length > 0)
      throw new CmdletError('ParameterConflict', '-Identity cannot be combined with a filter parameter.', {
        parameter: 'Identity',
      });
    return size === 0 ? [] : [findRoom(state, input.identity)];
  }
  const tests = predicates(state, input);
  let rooms = state.rooms.filter((r) => tests.every((t) => t(r))).toSorted(byPoolThenName);
  // Measured last, and only for the rooms left, because it reads the message log.
  const limitMB = input.chatContentExceedsMB;
  if (limitMB !== undefined) {
    const measure = input.contentBytes ?? (() => 0);
    rooms = rooms.filter((r) => measure(r) > limitMB * 1_048_576);
  }
  return size === undefined ? rooms : rooms.slice(0, size);
};
