// Get-CsPersistentChatRoom (rooms-and-content.md section 3.1).

import type {ChatState, Room} from '../domain/types.js';
import {ROOM_INVITATIONS, ROOM_PRIVACY, ROOM_TYPES} from '../domain/rooms.js';
import {getRooms, roomTextFilter, type GetRoomsInput} from '../domain/room-query.js';
import {utf8Bytes} from '../domain/messages.js';
import type {Ports} from '../domain/ports.js';
import type {ArgsOf, CmdletContext, ParamSpec} from './types.js';
import {roomObject} from './content-output.js';
import {defineCmdlet} from './define-cmdlet.js';
import {asObjectParam} from './shared-params.js';

const filterSet = <const S extends Omit<ParamSpec, 'sets'>>(p: S) => ({...p, sets: ['Filter'] as const});

// `{Name -like "x*"}` or its string form goes to the language's filter; other text is a pattern.
const EXPRESSION = /^\s*\w+\s+-(eq|ne|like|notlike|match|notmatch|gt|ge|lt|le|contains|notcontains)\b/i;

const filterTest = (
  ctx: CmdletContext,
  filter: unknown,
  searchDescription: boolean,
): ((room: Room) => boolean) => {
  if (typeof filter === 'string' && !EXPRESSION.test(filter))
    return roomTextFilter(filter, searchDescription);
  return (room) => ctx.matchFilter(filter, roomObject(ctx.state, room));
};

const contentBytes =
  (ports: Ports) =>
  (room: Room): number => {
    let bytes = 0;
    for (const m of ports.messages.scan({roomIds: [room.id]})) bytes += utf8Bytes(m.text);
    return bytes;
  };

const getRoomParams = {
  Identity: {
    type: 'string',
    help: 'Identity of one room (<pool>\\<name>); cannot be combined with the filters.',
    position: 0,
    sets: ['Identity'],
    completes: 'room',
  },
  PersistentChatPoolFqdn: filterSet({
    type: 'string',
    help: 'Only the rooms of this pool.',
    completes: 'pool',
  }),
  Category: filterSet({
    type: 'string',
    help: 'Only the rooms of this category (name or identity).',
    completes: 'category',
  }),
  Filter: filterSet({
    type: 'filter',
    help: 'Room name pattern: {Name -like "pat*"}, or plain text (wildcards * and ?, otherwise a substring); with -SearchDescription also descriptions.',
  }),
  SearchDescription: filterSet({
    type: 'switch',
    help: 'Let a plain -Filter text match descriptions as well as names.',
  }),
  Members: filterSet({
    type: 'string',
    help: 'Rooms where this one user is an effective member (an empty Members list admits the whole category).',
    completes: 'user',
  }),
  Managers: filterSet({type: 'string', help: 'Rooms this one user manages.', completes: 'user'}),
  Addin: filterSet({
    type: 'string',
    help: 'Rooms using this add-in (name or identity).',
    completes: 'addin',
  }),
  Disabled: filterSet({type: 'bool', help: '$True lists disabled rooms, $False active ones.'}),
  Privacy: filterSet({type: 'enum', values: ROOM_PRIVACY, help: 'Open, Closed or Secret.'}),
  Type: filterSet({type: 'enum', values: ROOM_TYPES, help: 'Normal or Auditorium.'}),
  Invitations: filterSet({type: 'enum', values: ROOM_INVITATIONS, help: 'Inherit or False.'}),
  ChatContentExceedsMB: filterSet({
    type: 'int',
    help: 'Rooms whose stored message text is larger than this many megabytes.',
  }),
  ResultSize: {
    type: 'int',
    help: 'At most this many rooms (0 to 2147483647; 0 returns none), in pool and name order.',
  },
  AsObject: asObjectParam('Members, Managers and Presenters'),
} as const satisfies Record<string, ParamSpec>;

const queryOf = (ctx: CmdletContext, args: ArgsOf<typeof getRoomParams>): GetRoomsInput => ({
  ...(args.Identity !== undefined ? {identity: args.Identity} : {}),
  ...(args.PersistentChatPoolFqdn !== undefined ? {poolFqdn: args.PersistentChatPoolFqdn} : {}),
  ...(args.Category !== undefined ? {category: args.Category} : {}),
  ...(args.Members !== undefined ? {member: args.Members} : {}),
  ...(args.Managers !== undefined ? {manager: args.Managers} : {}),
  ...(args.Addin !== undefined ? {addin: args.Addin} : {}),
  ...(args.Disabled !== undefined ? {disabled: args.Disabled} : {}),
  ...(args.Privacy !== undefined ? {privacy: args.Privacy} : {}),
  ...(args.Type !== undefined ? {type: args.Type} : {}),
  ...(args.Invitations !== undefined ? {invitations: args.Invitations} : {}),
  ...(args.ChatContentExceedsMB !== undefined ? {chatContentExceedsMB: args.ChatContentExceedsMB} : {}),
  ...(args.ResultSize !== undefined ? {resultSize: args.ResultSize} : {}),
  ...(args.Filter !== undefined
    ? {filter: filterTest(ctx, args.Filter, args.SearchDescription ?? false)}
    : {}),
  contentBytes: contentBytes(ctx.ports),
});

export const writeRooms = (
  ctx: CmdletContext,
  state: ChatState,
  rooms: readonly Room[],
  asObject: boolean,
): void => {
  for (const room of rooms) ctx.write(roomObject(state, room, asObject));
};

export const getRoomCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatRoom',
  summary:
    'Returns Persistent Chat rooms: all of them, one by identity, or those matching every filter given.',
  params: getRoomParams,
  parameterSets: ['Filter', 'Identity'],
  examples: [
    {code: 'Get-CsPersistentChatRoom', remarks: 'Lists every room in every pool.'},
    {
      code: 'Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"',
      remarks: 'Returns the room ItRoom.',
    },
    {
      code: 'Get-CsPersistentChatRoom -Disabled $True',
      remarks: 'Lists the rooms that are currently disabled.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    writeRooms(ctx, ctx.state, getRooms(ctx.state, queryOf(ctx, args)), args.AsObject ?? false);
  },
});
