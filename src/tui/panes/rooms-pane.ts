// Rooms: one row per room; the detail shows settings and lists (effective members and history are
// added by the detail view from Get-* lines).

import type {ChatState, Room} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {addinOf, categoryOf, objectIdentity} from './model.js';
import type {DetailSection, PaneSpec, Row} from './pane.js';

const list = (values: readonly string[]): string =>
  values.length === 0 ? '(none)' : values.map(safe).join(', ');

function row(state: ChatState, room: Room): Row {
  return {
    id: objectIdentity(room),
    cells: {
      name: safe(room.name),
      category: safe(categoryOf(state, room)?.name ?? '?'),
      pool: safe(room.poolFqdn),
      type: room.type,
      privacy: room.privacy,
      state: room.disabled ? 'disabled' : 'enabled',
      members: room.members.length === 0 ? 'inherits' : String(room.members.length),
      managers: String(room.managers.length),
      addin: safe(addinOf(state, room)?.name ?? ''),
    },
    dim: room.disabled,
  };
}

export const findRoom = (state: ChatState, identity: string): Room | undefined =>
  state.rooms.find((r) => objectIdentity(r).toLowerCase() === identity.toLowerCase());

function detail(state: ChatState, room: Room): DetailSection[] {
  const category = categoryOf(state, room);
  return [
    {
      title: 'Room',
      lines: [
        {label: 'Identity', value: safe(objectIdentity(room))},
        {label: 'Name', value: safe(room.name)},
        {label: 'Description', value: safe(room.description ?? '')},
        {label: 'Category', value: category ? safe(objectIdentity(category)) : '?'},
        {label: 'Type', value: room.type},
        {label: 'Privacy', value: room.privacy},
        {
          label: 'Invitations',
          value: `${room.invitations}${category ? ` (category: ${category.invitations ? 'on' : 'off'})` : ''}`,
        },
        {label: 'Disabled', value: room.disabled ? 'True' : 'False'},
        {label: 'Addin', value: safe(addinOf(state, room)?.name ?? '')},
      ],
    },
    {
      title: 'Lists as stored',
      lines: [
        {
          label: 'Members',
          value: room.members.length === 0 ? '(none: inherits the category scope)' : list(room.members),
        },
        {label: 'Managers', value: list(room.managers)},
        {label: 'Presenters', value: list(room.presenters)},
      ],
    },
  ];
}

export const roomsPane: PaneSpec = {
  id: 'rooms',
  title: 'Rooms',
  noun: 'room',
  columns: [
    {key: 'name', title: 'Name', min: 10, priority: 1, flex: true},
    {key: 'category', title: 'Category', min: 8, priority: 1},
    {key: 'pool', title: 'Pool', min: 8, priority: 4},
    {key: 'type', title: 'Type', min: 10, priority: 2},
    {key: 'privacy', title: 'Privacy', min: 7, priority: 2},
    {key: 'state', title: 'State', min: 8, priority: 1},
    {key: 'members', title: 'Members', min: 8, priority: 3, align: 'right'},
    {key: 'managers', title: 'Managers', min: 8, priority: 4, align: 'right'},
    {key: 'addin', title: 'Add-in', min: 6, priority: 3},
  ],
  toRows: ({chat}) => chat.rooms.map((r) => row(chat, r)),
  detail: ({chat}, id) => {
    const room = findRoom(chat, id);
    return room ? detail(chat, room) : null;
  },
  empty: 'No rooms yet — n creates one.',
};
