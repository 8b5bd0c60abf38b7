// Builds what a setup script would have committed, straight into the state: one pass per
// collection with maps, so ten thousand rooms cost milliseconds, not one full-state write each.

import {complianceCollections} from '../domain/compliance.js';
import {configurations} from '../domain/configuration.js';
import type {Addin, Category, ChatState, Room} from '../domain/types.js';
import type {SetupContent} from './content.js';
import type {Random} from './random.js';

const key = (pool: string, name: string): string => `${pool}\\${name}`.toLowerCase();

export function applySetup(state: ChatState, content: SetupContent, random: Random): ChatState {
  const addins: Addin[] = content.addins.map((a) => ({
    id: random.uuid(),
    name: a.name,
    poolFqdn: a.pool,
    url: a.url,
    rev: 0,
  }));
  const addinIds = new Map(addins.map((a) => [key(a.poolFqdn, a.name), a.id]));
  const categories: Category[] = content.categories.map((c) => ({
    id: random.uuid(),
    name: c.name,
    poolFqdn: c.pool,
    description: null,
    invitations: c.invitations,
    fileUpload: c.fileUpload,
    chatHistory: true,
    allowedMembers: [...c.allowedMembers],
    deniedMembers: [],
    creators: [...c.creators],
    disabled: false,
    rev: 0,
  }));
  const categoryIds = new Map(categories.map((c) => [key(c.poolFqdn, c.name), c.id]));
  const rooms: Room[] = content.rooms.map((r) => ({
    id: random.uuid(),
    name: r.name,
    poolFqdn: r.pool,
    categoryId: found(categoryIds, key(r.pool, r.category), 'category'),
    description: r.description,
    type: r.type,
    privacy: r.privacy,
    invitations: 'Inherit',
    disabled: false,
    addinId: r.addin === null ? null : found(addinIds, key(r.pool, r.addin), 'add-in'),
    members: [...r.members],
    managers: [...r.managers],
    presenters: [...r.presenters],
    rev: 0,
  }));
  const granted = new Map(content.grants.map((g) => [g.user, g.policy]));
  return {
    ...state,
    directory: {
      ...state.directory,
      users: state.directory.users.map((u) => {
        const policy = u.sipAddress === null ? undefined : granted.get(u.sipAddress);
        return policy === undefined ? u : {...u, persistentChatPolicy: policy};
      }),
    },
    policies: [
      ...state.policies,
      ...content.policies.map((p) => ({
        identity: p.identity,
        description: p.description,
        enablePersistentChat: p.enable,
        rev: 0,
      })),
    ],
    configurations: [
      ...state.configurations,
      ...content.configurations.map((c) => ({
        ...configurations.defaults(c.identity),
        participantUpdateLimit: c.participantUpdateLimit,
      })),
    ],
    compliance: [
      ...state.compliance,
      ...content.compliance.map((c) => {
        const defaults = complianceCollections.defaults(c.identity);
        return {
          ...defaults,
          addUserDetails: c.addUserDetails,
          addChatRoomDetails: c.addChatRoomDetails,
          oneChatRoomPerOutputFile: c.oneChatRoomPerOutputFile,
          runIntervalSeconds: c.runIntervalSeconds ?? defaults.runIntervalSeconds,
        };
      }),
    ],
    addins: [...state.addins, ...addins],
    categories: [...state.categories, ...categories],
    rooms: [...state.rooms, ...rooms],
  };
}

function found(ids: ReadonlyMap<string, string>, name: string, what: string): string {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`The generated content names a missing ${what}: ${name}.`);
  return id;
}
