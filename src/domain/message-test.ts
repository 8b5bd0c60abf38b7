// Test-CsPersistentChatMessage (rooms-and-content.md section 5.2) as a pure check of the state:
// both users exist and are enabled by policy, and a room exists where both may post. No network.

import type {ChatState, DirectoryUser, Room} from './types.js';
import {CmdletError} from './errors.js';
import {identityOf, sameText} from './content-identity.js';
import {byPoolThenName} from './categories.js';
import {indexDirectory, principalKey} from './principals.js';
import {canPost} from './room-access.js';
import {categoryOfRoom, findRoomByUriOrIdentity} from './rooms.js';
import {authorSip} from './messages.js';
import {effectivePolicy} from './policies.js';

export interface TestMessageInput {
  readonly targetFqdn?: string;
  readonly sender?: string;
  readonly receiver?: string;
  readonly chatRoomUri?: string;
  readonly setup?: boolean;
  readonly testUser1?: string;
  readonly testUser2?: string;
}

export interface TestMessageResult {
  readonly targetFqdn: string;
  readonly result: 'Success' | 'Failure';
  readonly error: string | null;
  readonly diagnosis: string | null;
}

/** Effective policy (topology spec 1.4): per-user tag, else the user's site, else global. */
export const persistentChatEnabled = (state: ChatState, user: DirectoryUser): boolean =>
  effectivePolicy(state, user).enablePersistentChat;

/** Spec note: any known pool FQDN is a target; a Front End pool's target rooms are those of every chat pool. */
const targetPools = (
  state: ChatState,
  fqdn: string | undefined,
): {name: string; pools: readonly string[]} => {
  const chatPools = state.topology.persistentChatPools.map((p) => p.fqdn);
  if (fqdn === undefined) {
    if (chatPools.length !== 1)
      throw new CmdletError('PoolRequired', 'Name the pool to test with -TargetFqdn.', {
        parameter: 'TargetFqdn',
      });
    return {name: chatPools[0] ?? '', pools: chatPools};
  }
  const chat = chatPools.find((p) => sameText(p, fqdn));
  if (chat) return {name: chat, pools: [chat]};
  const frontEnd = state.topology.frontEndPools.find((p) => sameText(p.fqdn, fqdn));
  if (frontEnd) return {name: frontEnd.fqdn, pools: chatPools};
  throw new CmdletError('PoolNotFound', `"${fqdn}" is not a pool of this deployment.`, {
    target: fqdn,
    parameter: 'TargetFqdn',
  });
};

/** Why a user cannot take part in the test, or null. */
const userProblem = (state: ChatState, sip: string): string | null => {
  const user = state.directory.users.find(
    (u) => u.sipAddress !== null && principalKey(u.sipAddress) === principalKey(sip),
  );
  if (!user)
    return indexDirectory(state.directory).usersBySip.has(principalKey(sip))
      ? `${sip} is a contact, not a user.`
      : `${sip} is not a user of the directory.`;
  if (!user.enabled) return `${sip} is not enabled for Lync Server.`;
  if (!persistentChatEnabled(state, user)) return `${sip} is not enabled for Persistent Chat by policy.`;
  return null;
};

const bothPost = (state: ChatState, room: Room, a: string, b: string): boolean => {
  const view = {state, category: categoryOfRoom(state, room), room};
  return canPost(view, a) && canPost(view, b);
};

const roomFor = (
  state: ChatState,
  rooms: readonly Room[],
  input: TestMessageInput,
  a: string,
  b: string,
): {room: Room | null; why: string} => {
  if (input.chatRoomUri !== undefined) {
    const room = findRoomByUriOrIdentity(state, input.chatRoomUri, 'ChatRoomUri');
    if (room.disabled) return {room: null, why: `Chat room ${identityOf(room)} is disabled.`};
    if (!bothPost(state, room, a, b))
      return {room: null, why: `${a} and ${b} cannot both post in ${identityOf(room)}.`};
    return {room, why: ''};
  }
  const room = rooms.filter((r) => !r.disabled).find((r) => bothPost(state, r, a, b)) ?? null;
  return {room, why: room ? '' : `No enabled chat room in which both ${a} and ${b} may post.`};
};

export const testPersistentChatMessage = (state: ChatState, input: TestMessageInput): TestMessageResult => {
  const target = targetPools(state, input.targetFqdn);
  const fail = (error: string, diagnosis: string | null = null): TestMessageResult => ({
    targetFqdn: target.name,
    result: 'Failure',
    error,
    diagnosis,
  });
  const users = input.setup ? [input.testUser1, input.testUser2] : [input.sender, input.receiver];
  if (users.some((u) => u === undefined)) {
    if (input.setup)
      throw new CmdletError(
        'MissingParameter',
        '-Setup needs -TestUser1SipAddress and -TestUser2SipAddress.',
        {parameter: 'TestUser1SipAddress'},
      );
    return fail(
      `No health-monitoring test users are configured for ${target.name}.`,
      'Give -SenderSipAddress and -ReceiverSipAddress with their credentials.',
    );
  }
  const [a, b] = users.map((u) => authorSip(u ?? '', 'SenderSipAddress')) as [string, string];
  const problem = userProblem(state, a) ?? userProblem(state, b);
  if (problem)
    return fail(
      problem,
      'Both users must exist, be enabled and have a Persistent Chat policy that enables Persistent Chat.',
    );
  if (input.setup)
    return {
      targetFqdn: target.name,
      result: 'Success',
      error: null,
      diagnosis: `Test users ${a} and ${b} can be used for synthetic transactions.`,
    };
  const rooms = state.rooms
    .filter((r) => target.pools.some((p) => sameText(p, r.poolFqdn)))
    .toSorted(byPoolThenName);
  if (rooms.length === 0)
    return fail(`No chat room available in ${target.name}.`, 'The test needs at least one chat room.');
  const {room, why} = roomFor(state, rooms, input, a, b);
  if (!room) return fail(why, 'Check the room privacy, type and membership (rules R11 and R12).');
  return {
    targetFqdn: target.name,
    result: 'Success',
    error: null,
    diagnosis: `Messages exchanged in ${identityOf(room)}.`,
  };
};
