// Rooms: one row per room; the detail shows settings and lists (effective members and history are
// added by the detail view from Get-* lines).

import {recordReplaced, replacedSince} from '../../domain/replaced-items.js';
import type {Addin, Category, ChatState, Room} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {addinOf, categoryOf, objectIdentity} from './model.js';
import type {DetailSection, PaneSpec, Row} from './pane.js';

const list = (values: readonly string[]): string =>
  values.length === 0 ? '(none)' : values.map(safe).join(', ');

function row(room: Room, category: Category | undefined, addin: Addin | undefined): Row {
  return {
    id: objectIdentity(room),
    cells: {
      name: safe(room.name),
      category: safe(category?.name ?? '?'),
      pool: safe(room.poolFqdn),
      type: room.type,
      privacy: room.privacy,
      state: room.disabled ? 'disabled' : 'enabled',
      members: room.members.length === 0 ? 'inherits' : String(room.members.length),
      managers: String(room.managers.length),
      addin: safe(addin?.name ?? ''),
    },
    dim: room.disabled,
  };
}

const kept = new WeakMap<Room, {readonly category?: Category; readonly addin?: Addin; readonly row: Row}>();

/**
 * A room's row, kept while the room, its category and its add-in are the objects it was made from:
 * a commit to one room leaves the other 9,999 rows as they were (issue 12).
 */
function rowOf(state: ChatState, room: Room): Row {
  const category = categoryOf(state, room);
  const addin = addinOf(state, room);
  const last = kept.get(room);
  if (last && last.category === category && last.addin === addin) return last.row;
  const made = row(room, category, addin);
  kept.set(room, {...(category ? {category} : {}), ...(addin ? {addin} : {}), row: made});
  return made;
}

interface Made {
  readonly rooms: readonly Room[];
  readonly categories: readonly Category[];
  readonly addins: readonly Addin[];
  readonly rows: readonly Row[];
}

let lastMade: Made | null = null;

/** The rows of the rooms; a room at the same place as last time, with the same categories and add-ins, keeps its row unlooked-up. */
function roomRows(state: ChatState): readonly Row[] {
  const last = lastMade;
  const same =
    last !== null &&
    last.categories === state.categories &&
    last.addins === state.addins &&
    last.rooms.length === state.rooms.length;
  const replaced = same ? replacedSince(last.rooms, state.rooms) : null;
  const rows = same && replaced ? carried(state, last.rows, replaced) : null;
  const made =
    rows ??
    state.rooms.map((room, i) => (same && last.rooms[i] === room ? last.rows[i]! : rowOf(state, room)));
  lastMade = {rooms: state.rooms, categories: state.categories, addins: state.addins, rows: made};
  return made;
}

/**
 * The last rows with those of the replaced rooms made again: a commit read from another process
 * replaces one room among 10,000 (issue 12: the console while another process commits). The new
 * rows are recorded as replacements of the last ones, so that what is kept per row list (ids, cell
 * widths) is carried over too.
 */
function carried(state: ChatState, last: readonly Row[], replaced: readonly number[]): readonly Row[] {
  const rows = last.slice();
  for (const i of replaced) rows[i] = rowOf(state, state.rooms[i]!);
  recordReplaced(last, rows, replaced);
  return rows;
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
  toRows: ({chat}) => roomRows(chat),
  detail: ({chat}, id) => {
    const room = findRoom(chat, id);
    return room ? detail(chat, room) : null;
  },
  empty: 'No rooms yet — n creates one.',
};
