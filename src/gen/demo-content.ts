// What data/demo/setup.ps1 creates, as records, so that S is the demo without running its lines.
// test/gen/generate-store.test.ts compares a generated S with a store made by `pchat init` from the
// demo files, so a change to setup.ps1 that is not made here too fails there.

import type {SetupContent} from './content.js';

const PC1 = 'pc1.dc1.example.org';
const DOMAIN = 'DC=example,DC=org';
const IT_OU = 'OU=IT,DC=example,DC=org';

const room = {
  description: null,
  type: 'Normal',
  privacy: 'Closed',
  addin: null,
  members: [],
  managers: [],
  presenters: [],
} as const;
const category = {invitations: false, fileUpload: false, allowedMembers: [], creators: []} as const;

export const DEMO_CONTENT: SetupContent = {
  policies: [
    {identity: 'Site:DC1', description: 'Persistent Chat for the users of site DC1', enable: true},
    {identity: 'Tag:DC1PersistentChatPolicy', description: 'Persistent Chat enabled', enable: true},
    {
      identity: 'Tag:DC1UsersPersistentChatPolicy',
      description: 'Persistent Chat for DC1 help desk users',
      enable: true,
    },
  ],
  grants: [
    {user: 'sip:jordan.lee@example.org', policy: 'DC1UsersPersistentChatPolicy'},
    {user: 'sip:casey.smith@example.org', policy: 'DC1UsersPersistentChatPolicy'},
  ],
  configurations: [{identity: 'Site:DC1', participantUpdateLimit: 100}],
  compliance: [
    {
      identity: 'Site:DC1',
      addUserDetails: true,
      addChatRoomDetails: true,
      oneChatRoomPerOutputFile: false,
      runIntervalSeconds: null,
    },
    {
      identity: `Service:PersistentChatServer:${PC1}`,
      addUserDetails: false,
      addChatRoomDetails: false,
      oneChatRoomPerOutputFile: true,
      runIntervalSeconds: 1800,
    },
  ],
  addins: [
    {name: 'ItDashboard', pool: PC1, url: `https://${PC1}/itdash`},
    {name: 'ItStatusAddin', pool: PC1, url: `https://${PC1}/itstatus`},
  ],
  categories: [
    {
      ...category,
      name: 'IT',
      pool: PC1,
      invitations: true,
      fileUpload: true,
      allowedMembers: [DOMAIN],
      creators: [IT_OU],
    },
    {...category, name: 'ITChat', pool: PC1, allowedMembers: [IT_OU]},
    {...category, name: 'HelpDesk', pool: PC1, fileUpload: true},
    {...category, name: 'Projects', pool: PC1},
    {...category, name: 'Sandbox', pool: PC1},
  ],
  rooms: [
    {
      ...room,
      name: 'ItRoom',
      pool: PC1,
      category: 'IT',
      description: 'General IT chat room',
      members: ['sip:ana@example.org', 'sip:ben@example.org'],
      managers: ['sip:ana@example.org'],
    },
    {...room, name: 'LisbonRoom', pool: PC1, category: 'IT'},
    {...room, name: 'EmeaRoom', pool: PC1, category: 'IT', privacy: 'Open'},
    {
      ...room,
      name: 'HelpRoom',
      pool: PC1,
      category: 'ITChat',
      privacy: 'Secret',
      addin: 'ItDashboard',
      members: ['sip:ben@example.org'],
    },
    {...room, name: 'ProjectsRoom', pool: PC1, category: 'Projects', type: 'Auditorium'},
    {
      ...room,
      name: 'HelpDeskChatRoom',
      pool: PC1,
      category: 'ITChat',
      type: 'Auditorium',
      presenters: ['CN=ChatSupport,OU=IT,DC=example,DC=org'],
    },
  ],
};

/** The endpoints setup.ps1 creates, in the deployment file's form (one per pool, the pool's default). */
export const DEMO_ENDPOINTS = [
  {sipAddress: 'sip:pc1chat@example.org', pool: PC1, displayName: 'DC1 Persistent Chat', isDefault: true},
  {
    sipAddress: 'sip:pc2chat@example.org',
    pool: 'pc2.dc2.example.org',
    displayName: 'DC2 Persistent Chat',
    isDefault: true,
  },
] as const;
