// Categories: flags, access lists and how many rooms each holds.

import type {Category, ChatState} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {objectIdentity, onOff, roomsInCategory} from './model.js';
import type {DetailSection, PaneSpec, Row} from './pane.js';

const list = (values: readonly string[]): string =>
  values.length === 0 ? '(none)' : values.map(safe).join(', ');

export const findCategory = (state: ChatState, identity: string): Category | undefined =>
  state.categories.find((c) => objectIdentity(c).toLowerCase() === identity.toLowerCase());

function row(state: ChatState, c: Category): Row {
  return {
    id: objectIdentity(c),
    cells: {
      name: safe(c.name),
      pool: safe(c.poolFqdn),
      rooms: String(roomsInCategory(state, c)),
      invitations: onOff(c.invitations),
      files: onOff(c.fileUpload),
      history: onOff(c.chatHistory),
      allowed: String(c.allowedMembers.length),
      denied: String(c.deniedMembers.length),
      creators: String(c.creators.length),
    },
  };
}

function detail(state: ChatState, c: Category): DetailSection[] {
  const rooms = state.rooms.filter((r) => r.categoryId === c.id);
  return [
    {
      title: 'Category',
      lines: [
        {label: 'Identity', value: safe(objectIdentity(c))},
        {label: 'Description', value: safe(c.description ?? '')},
        {label: 'Invitations', value: onOff(c.invitations)},
        {label: 'FileUpload', value: onOff(c.fileUpload)},
        {label: 'ChatHistory', value: onOff(c.chatHistory)},
      ],
    },
    {
      title: 'Access',
      lines: [
        {label: 'AllowedMembers', value: list(c.allowedMembers)},
        {label: 'DeniedMembers', value: list(c.deniedMembers)},
        {label: 'Creators', value: list(c.creators)},
      ],
    },
    {
      title: `Rooms (${rooms.length})`,
      lines: rooms.map((r) => ({
        label: safe(r.name),
        value: `${r.type}, ${r.privacy}${r.disabled ? ', disabled' : ''}`,
      })),
    },
  ];
}

export const categoriesPane: PaneSpec = {
  id: 'categories',
  title: 'Categories',
  noun: 'category',
  columns: [
    {key: 'name', title: 'Name', min: 10, priority: 1, flex: true},
    {key: 'pool', title: 'Pool', min: 8, priority: 4},
    {key: 'rooms', title: 'Rooms', min: 5, priority: 1, align: 'right'},
    {key: 'invitations', title: 'Invitations', min: 11, priority: 2},
    {key: 'files', title: 'Files', min: 5, priority: 2},
    {key: 'history', title: 'History', min: 7, priority: 2},
    {key: 'allowed', title: 'Allowed', min: 7, priority: 3, align: 'right'},
    {key: 'denied', title: 'Denied', min: 6, priority: 3, align: 'right'},
    {key: 'creators', title: 'Creators', min: 8, priority: 3, align: 'right'},
  ],
  toRows: ({chat}) => chat.categories.map((c) => row(chat, c)),
  detail: ({chat}, id) => {
    const c = findCategory(chat, id);
    return c ? detail(chat, c) : null;
  },
  empty: 'No categories yet — n creates one.',
};
