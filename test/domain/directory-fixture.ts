// A small deployment for the policy, endpoint and directory tests: topology-and-service.md
// section 10's one-pool fixture (pc1.dc1.example.org in site DC1) with its users, group, OUs and
// meeting-room contact, plus a disabled user and an account never enabled for Lync.

import type {ChatState, DirectoryUser, PersistentChatPool} from '../../src/domain/types.js';

export const POOL = 'pc1.dc1.example.org';
export const POOL2 = 'pc2.dc2.example.org';
export const DEFAULT_ENDPOINT_DN =
  'CN={11111111-1111-4111-8111-111111111111},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org';

const pool = (fqdn: string, site: string, dataCenter: string): PersistentChatPool => ({
  fqdn,
  site,
  displayName: null,
  kind: 'multiComputer',
  collocatedWithStandardEdition: false,
  servers: [{fqdn: `chat1.${fqdn.split('.').slice(1).join('.')}`, dataCenter}],
  activeServers: [],
  poolState: 'Normal',
  stores: {
    primary: {sqlFqdn: `sql1.${dataCenter}.example.org`, instance: 'rtc', dataCenter},
    primaryMirror: null,
    backup: null,
    backupMirror: null,
    logShipping: false,
  },
  lowLatencyLink: false,
  compliance: {enabled: false, store: null},
  port: 5041,
  fileStore: null,
  nextHopPool: null,
});

const user = (displayName: string, ou: string, fields: Partial<DirectoryUser> = {}): DirectoryUser => {
  const logon = displayName.toLowerCase().replace(' ', '.');
  return {
    dn: `CN=${displayName},${ou},DC=example,DC=org`,
    sipAddress: `sip:${logon}@example.org`,
    displayName,
    site: 'DC1',
    enabled: true,
    persistentChatPolicy: null,
    userPrincipalName: `${logon}@example.org`,
    samAccountName: logon.replace('.', ''),
    attributes: {},
    ...fields,
  };
};

export const JORDAN = user('Jordan Lee', 'OU=DC1', {
  attributes: {department: 'IT', l: 'Springfield', title: 'Engineer'},
});
export const SAM = user('Sam Rivera', 'OU=DC1', {
  attributes: {department: 'Sales', l: 'Springfield'},
  userPrincipalName: null,
});
export const CASEY = user('Casey Smith', 'OU=DC2', {
  site: 'DC2',
  attributes: {department: 'IT', l: 'Shelbyville'},
});
export const ALEX = user('Alex Smith', 'OU=DC2', {
  site: 'DC2',
  enabled: false,
  attributes: {department: 'HR'},
});
export const TERRY = user('Terry Nolan', 'CN=Users', {sipAddress: null, enabled: false, site: null});

export function fixtureState(options: {twoPools?: boolean} = {}): ChatState {
  return {
    schemaVersion: 1,
    revision: 1,
    sipDomains: ['example.org'],
    topology: {
      sites: [
        {name: 'DC1', dataCenters: ['dc1', 'dc2']},
        {name: 'DC2', dataCenters: ['dc2']},
      ],
      frontEndPools: [{fqdn: 'fe1.dc1.example.org', site: 'DC1', dataCenter: 'dc1'}],
      persistentChatPools: options.twoPools
        ? [pool(POOL, 'DC1', 'dc1'), {...pool(POOL2, 'DC2', 'dc2'), kind: 'singleComputer'}]
        : [pool(POOL, 'DC1', 'dc1')],
    },
    directory: {
      users: [JORDAN, SAM, CASEY, ALEX, TERRY],
      groups: [
        {
          dn: 'CN=ITChatMembers,OU=DC1,DC=example,DC=org',
          displayName: 'ITChatMembers',
          members: [JORDAN.dn, CASEY.dn],
        },
      ],
      contacts: [
        {
          dn: 'CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org',
          sipAddress: 'sip:dc1meetingroom@example.org',
          displayName: 'DC1 Meeting Room',
        },
      ],
      organizationalUnits: ['OU=DC1,DC=example,DC=org', 'OU=DC2,DC=example,DC=org'],
      containers: ['CN=Users,DC=example,DC=org'],
    },
    configurations: [],
    compliance: [],
    policies: [{identity: 'Global', description: null, enablePersistentChat: false, rev: 0}],
    endpoints: [
      {
        dn: DEFAULT_ENDPOINT_DN,
        objectId: '11111111-1111-4111-8111-111111111111',
        sipAddress: 'sip:pc1chat@example.org',
        displayName: 'pc1 Persistent Chat',
        poolFqdn: POOL,
        isDefault: true,
      },
    ],
    categories: [],
    rooms: [],
    addins: [],
    operators: [{name: 'admin', roles: ['CsAdministrator']}],
  };
}

/** The state with a per-user or site policy added directly (no cmdlet involved). */
export const withPolicies = (state: ChatState, ...identities: readonly [string, boolean][]): ChatState => ({
  ...state,
  policies: [
    ...state.policies,
    ...identities.map(([identity, enablePersistentChat]) => ({
      identity,
      description: null,
      enablePersistentChat,
      rev: 1,
    })),
  ],
});

/** The state with users assigned per-user policies directly. */
export const withAssignments = (
  state: ChatState,
  assignments: Readonly<Record<string, string>>,
): ChatState => ({
  ...state,
  directory: {
    ...state.directory,
    users: state.directory.users.map((u) =>
      assignments[u.displayName] === undefined
        ? u
        : {...u, persistentChatPolicy: assignments[u.displayName] ?? null},
    ),
  },
});
