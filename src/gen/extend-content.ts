// Generated categories, add-ins, rooms and policy grants beside the demo's. Rooms come in
// categories of about fifty, spread over the pools; members, managers and presenters are drawn from
// the generated users, in categories open to the whole domain so that every member is allowed.

import type {RoomPrivacy, RoomType} from '../domain/types.js';
import type {AddinSpec, CategorySpec, GrantSpec, RoomSpec, SetupContent} from './content.js';
import {DEPARTMENTS, TOPICS} from './names.js';
import type {Random} from './random.js';

const ROOMS_PER_CATEGORY = 50;
const ROOMS_PER_ADDIN = 500;
const MAX_MEMBERS = 12;
const GRANTED_TAGS = ['DC1PersistentChatPolicy', 'DC1UsersPersistentChatPolicy'] as const;

export interface ExtendInput {
  readonly rooms: number;
  readonly pools: readonly string[];
  readonly domainDn: string;
  /** SIP addresses of the generated users who are enabled. */
  readonly users: readonly string[];
}

export function generateContent(input: ExtendInput, random: Random): SetupContent {
  const {pools} = input;
  const addins = generateAddins(input.rooms, pools);
  const categoryCount = input.rooms === 0 ? 0 : Math.ceil(input.rooms / ROOMS_PER_CATEGORY);
  const categories: CategorySpec[] = [];
  for (let i = 0; i < categoryCount; i++) {
    const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
    categories.push({
      name: `${department}${i + 1}`,
      pool: pools[i % pools.length]!,
      invitations: random.below(2) === 0,
      fileUpload: random.below(2) === 0,
      allowedMembers: [input.domainDn],
      creators: [],
    });
  }
  const rooms: RoomSpec[] = [];
  for (let i = 0; i < input.rooms; i++) {
    const category = categories[Math.floor(i / ROOMS_PER_CATEGORY)]!;
    rooms.push(generateRoom(i, category, addins, input.users, random));
  }
  const grants: GrantSpec[] = input.users
    .filter(() => random.below(20) === 0)
    .map((user) => ({user, policy: random.pick(GRANTED_TAGS)}));
  return {policies: [], grants, configurations: [], compliance: [], addins, categories, rooms};
}

function generateAddins(rooms: number, pools: readonly string[]): AddinSpec[] {
  const perPool = rooms === 0 ? 0 : Math.ceil(rooms / ROOMS_PER_ADDIN / pools.length);
  return pools.flatMap((pool) =>
    Array.from({length: perPool}, (_, i) => ({
      name: `Dashboard${i + 1}`,
      pool,
      url: `https://${pool}/dashboard/${i + 1}`,
    })),
  );
}

function generateRoom(
  i: number,
  category: CategorySpec,
  addins: readonly AddinSpec[],
  users: readonly string[],
  random: Random,
): RoomSpec {
  const topic = TOPICS[i % TOPICS.length]!;
  const type: RoomType = random.below(10) === 0 ? 'Auditorium' : 'Normal';
  const privacy: RoomPrivacy = random.pick(['Open', 'Closed', 'Closed', 'Secret'] as const);
  const members = random.sample(users, random.below(MAX_MEMBERS + 1));
  const inPool = addins.filter((a) => a.pool === category.pool);
  return {
    name: `${category.name}${topic}${i + 1}`,
    pool: category.pool,
    category: category.name,
    description: random.below(2) === 0 ? `${topic} of ${category.name}` : null,
    type,
    privacy,
    addin: inPool.length > 0 && random.below(10) === 0 ? random.pick(inPool).name : null,
    members,
    managers: members.slice(0, Math.min(members.length, 1 + random.below(2))),
    presenters: type === 'Auditorium' ? members.slice(0, 1) : [],
  };
}
