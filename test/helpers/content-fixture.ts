// The reference fixture of rooms-and-content.md section 7 on the one-pool demo deployment:
// categories, rooms, add-ins and ItRoom's messages, as literal entities with stable ids.

import type {Addin, Category, ChatMessage, ChatState, Room} from '../../src/domain/types.js';
import {onePoolDeployment, stateFrom} from './demo.js';

export const POOL = 'pc1.dc1.example.org';
export const POOL2 = 'pc2.dc2.example.org';

export const ANA = 'sip:ana@example.org';
export const BEN = 'sip:ben@example.org';
export const CARL = 'sip:carl@example.org';
export const DORA = 'sip:dora@example.org';
export const FAY = 'sip:fay@example.org';
export const EVE = 'sip:eve@example.org';
export const DOMAIN = 'DC=example,DC=org';
export const OU_IT = 'OU=IT,DC=example,DC=org';
export const USERS = 'CN=Users,DC=example,DC=org';
export const CHAT_SUPPORT = 'CN=ChatSupport,OU=IT,DC=example,DC=org';
export const FINANCE = 'CN=Finance,OU=Groups,DC=example,DC=org';

const category = (id: string, name: string, fields: Partial<Category> = {}): Category => ({
  id,
  name,
  poolFqdn: POOL,
  description: null,
  invitations: false,
  fileUpload: false,
  chatHistory: true,
  allowedMembers: [],
  deniedMembers: [],
  creators: [],
  disabled: false,
  rev: 1,
  ...fields,
});

const room = (id: string, name: string, categoryId: string, fields: Partial<Room> = {}): Room => ({
  id,
  name,
  poolFqdn: POOL,
  categoryId,
  description: null,
  type: 'Normal',
  privacy: 'Closed',
  invitations: 'Inherit',
  disabled: false,
  addinId: null,
  members: [],
  managers: [],
  presenters: [],
  rev: 1,
  ...fields,
});

export const CATEGORIES: readonly Category[] = [
  category('cat-it', 'IT', {
    allowedMembers: [DOMAIN],
    creators: [OU_IT],
    invitations: true,
    fileUpload: true,
  }),
  category('cat-itchat', 'ITChat', {allowedMembers: [OU_IT]}),
  category('cat-helpdesk', 'HelpDesk', {fileUpload: true}),
  category('cat-projects', 'Projects'),
  category('cat-sandbox', 'Sandbox'),
];

export const ADDINS: readonly Addin[] = [
  {
    id: 'addin-itdash',
    name: 'ItDashboard',
    poolFqdn: POOL,
    url: 'https://pc1.dc1.example.org/itdash',
    rev: 1,
  },
  {
    id: 'addin-itstatus',
    name: 'ItStatusAddin',
    poolFqdn: POOL,
    url: 'https://pc1.dc1.example.org/itstatus',
    rev: 1,
  },
];

export const ROOMS: readonly Room[] = [
  room('room-it', 'ItRoom', 'cat-it', {
    description: 'General IT chat room',
    members: [ANA, BEN],
    managers: [ANA],
  }),
  room('room-lisbon', 'LisbonRoom', 'cat-it'),
  room('room-emea', 'EmeaRoom', 'cat-it', {privacy: 'Open'}),
  room('room-help', 'HelpRoom', 'cat-itchat', {privacy: 'Secret', members: [BEN], addinId: 'addin-itdash'}),
  room('room-projects', 'ProjectsRoom', 'cat-projects', {type: 'Auditorium'}),
];

export const TOWN_HALL: Room = room('room-townhall', 'TownHall', 'cat-it', {type: 'Auditorium'});

const message = (id: string, author: string, postedAt: string, text: string): ChatMessage => ({
  id,
  roomId: 'room-it',
  author,
  postedAt: new Date(postedAt).toISOString(),
  text,
  replaced: false,
  replacedAt: null,
});

export const MESSAGES: readonly ChatMessage[] = [
  message('msg-1', ANA, '2012-03-20T10:00:00Z', 'Server move tonight'),
  message('msg-2', BEN, '2012-04-01T14:00:00Z', 'ProjectX kickoff'),
  message('msg-3', ANA, '2018-02-28T10:00:00Z', 'For internal use only: budget draft'),
  message('msg-4', BEN, '2018-03-01T09:30:00Z', 'orion and vega status'),
  message('msg-5', ANA, '2018-06-05T10:00:00Z', 'Release done'),
];

export interface FixtureOptions {
  readonly townHall?: boolean;
  /** Adds pc2.dc2.example.org (single computer) with no content. */
  readonly twoPools?: boolean;
}

const base = stateFrom(onePoolDeployment());

/** Section 7's starting state; a fresh object each time. */
export const contentState = (options: FixtureOptions = {}): ChatState => {
  const pools = base.topology.persistentChatPools;
  const second = {
    ...pools[0]!,
    fqdn: POOL2,
    site: 'DC2',
    kind: 'singleComputer' as const,
    servers: [{fqdn: POOL2, dataCenter: 'dc2'}],
    activeServers: [POOL2],
  };
  return {
    ...base,
    topology: {...base.topology, persistentChatPools: options.twoPools ? [...pools, second] : pools},
    categories: [...CATEGORIES],
    rooms: options.townHall ? [...ROOMS, TOWN_HALL] : [...ROOMS],
    addins: [...ADDINS],
  };
};

export const byName = <T extends {readonly name: string}>(items: readonly T[], name: string): T => {
  const hit = items.find((i) => i.name.toLowerCase() === name.toLowerCase());
  if (!hit) throw new Error(`fixture has no ${name}`);
  return hit;
};

/** 60 messages, the rooms taking turns, so every room's lines sit between other rooms' lines. */
export const INTERLEAVED: readonly ChatMessage[] = Array.from({length: 60}, (_, i) => ({
  id: `m-${i}`,
  roomId: ROOMS[i % ROOMS.length]!.id,
  author: i % 2 === 0 ? ANA : BEN,
  postedAt: new Date(Date.UTC(2018, 0, 1 + i)).toISOString(),
  text: `message ${i}: orion and vega`,
  replaced: false,
  replacedAt: null,
}));

/** Undoes the last change that kept a backup. */
export const UNDO_LAST = 'Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup';
