// Add-ins: URL and the rooms that use each one.

import type {Addin, ChatState} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {objectIdentity} from './model.js';
import type {PaneSpec, Row} from './pane.js';

export const findAddin = (state: ChatState, identity: string): Addin | undefined =>
  state.addins.find((a) => objectIdentity(a).toLowerCase() === identity.toLowerCase());

const roomsUsing = (state: ChatState, a: Addin) => state.rooms.filter((r) => r.addinId === a.id);

const row = (state: ChatState, a: Addin): Row => ({
  id: objectIdentity(a),
  cells: {
    name: safe(a.name),
    pool: safe(a.poolFqdn),
    url: safe(a.url),
    rooms: String(roomsUsing(state, a).length),
  },
});

export const addinsPane: PaneSpec = {
  id: 'addins',
  title: 'Add-ins',
  noun: 'add-in',
  columns: [
    {key: 'name', title: 'Name', min: 10, priority: 1},
    {key: 'pool', title: 'Pool', min: 8, priority: 3},
    {key: 'url', title: 'URL', min: 10, priority: 1, flex: true},
    {key: 'rooms', title: 'Rooms', min: 5, priority: 2, align: 'right'},
  ],
  toRows: ({chat}) => chat.addins.map((a) => row(chat, a)),
  detail: ({chat}, id) => {
    const a = findAddin(chat, id);
    if (!a) return null;
    const rooms = roomsUsing(chat, a);
    return [
      {
        title: 'Add-in',
        lines: [
          {label: 'Identity', value: safe(objectIdentity(a))},
          {label: 'Url', value: safe(a.url)},
        ],
      },
      {
        title: `Used by (${rooms.length} ${rooms.length === 1 ? 'room' : 'rooms'})`,
        lines: rooms.map((r) => ({label: safe(r.name), value: r.disabled ? 'disabled' : 'enabled'})),
      },
    ];
  },
  empty: 'No add-ins yet — n registers one.',
};
