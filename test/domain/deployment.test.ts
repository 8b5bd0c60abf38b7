import {describe, expect, it} from 'vitest';
import {DeploymentError, loadDeployment} from '../../src/domain/deployment.js';
import type {DeploymentFile} from '../../src/domain/deployment-schema.js';
import {isDistinguishedName} from '../../src/domain/deployment-schema.js';
import {SCHEMA_VERSION} from '../../src/domain/types.js';
import {demoDeployment, loadedFrom, onePoolDeployment, stateFrom} from '../helpers/demo.js';

/** One site, one single-server pool: the least a deployment can be. */
const minimal = (): DeploymentFile => ({
  formatVersion: 1,
  sipDomains: ['example.org'],
  sites: [{name: 'S1', dataCenters: ['a', 'b']}],
  persistentChatPools: [
    {
      fqdn: 'pc.example.org',
      site: 'S1',
      kind: 'multiComputer',
      servers: [{fqdn: 'chat1.example.org', dataCenter: 'a'}],
      activeServers: ['chat1.example.org'],
      stores: {primary: {sqlFqdn: 'sql.example.org', instance: 'rtc', dataCenter: 'a'}},
    },
  ],
});

const issuesOf = (input: unknown): DeploymentError['issues'] => {
  try {
    loadDeployment(input, {initUser: 'admin', newId: () => 'id'});
  } catch (error) {
    if (error instanceof DeploymentError) return error.issues;
    throw error;
  }
  throw new Error('expected a DeploymentError');
};

type Pool = DeploymentFile['persistentChatPools'][number];
const withPool = (change: (pool: Pool) => Pool): DeploymentFile => {
  const d = minimal();
  return {...d, persistentChatPools: [change(d.persistentChatPools[0]!)]};
};
const servers = (n: number, dataCenter = 'a') =>
  Array.from({length: n}, (_, i) => ({fqdn: `chat${i + 1}.example.org`, dataCenter}));

describe('loadDeployment with the demo deployment', () => {
  const {state, messages} = loadedFrom(demoDeployment());

  it('builds both pools of the demo with their stores and active servers', () => {
    const [pc1, pc2] = state.topology.persistentChatPools;
    expect(pc1?.fqdn).toBe('pc1.dc1.example.org');
    expect(pc1?.servers).toHaveLength(8);
    expect(pc1?.activeServers).toEqual(
      ['chat1', 'chat2', 'chat3', 'chat4'].map((s) => `${s}.dc1.example.org`),
    );
    expect(pc1?.stores.backup).toEqual({
      sqlFqdn: 'sql1.dc2.example.org',
      instance: 'rtc',
      dataCenter: 'dc2',
      online: false,
    });
    expect(pc1?.stores.logShipping).toBe(true);
    expect(pc1?.compliance).toEqual({
      enabled: true,
      store: {sqlFqdn: 'sqlc.dc1.example.org', instance: 'rtc', dataCenter: 'dc1'},
    });
    expect(pc2).toMatchObject({
      fqdn: 'pc2.dc2.example.org',
      kind: 'singleComputer',
      site: 'DC2',
      activeServers: ['pc2.dc2.example.org'],
    });
  });

  it('starts at revision 0 with the global settings and nothing the cmdlets create', () => {
    expect(state.schemaVersion).toBe(SCHEMA_VERSION);
    expect(state.revision).toBe(0);
    expect(state.configurations).toEqual([
      {
        identity: 'Global',
        defaultChatHistory: 30,
        maxFileSizeKB: 20000,
        participantUpdateLimit: 75,
        roomManagementUrl: null,
        rev: 0,
      },
    ]);
    expect(state.compliance).toHaveLength(1);
    expect(state.compliance[0]).toMatchObject({
      identity: 'Global',
      adapterType: 'XML',
      runIntervalSeconds: 900,
    });
    expect(state.policies).toEqual([
      {identity: 'Global', description: null, enablePersistentChat: false, rev: 0},
    ]);
    expect(state.endpoints).toEqual([]);
    expect([state.categories, state.rooms, state.addins]).toEqual([[], [], []]);
  });

  it('holds every user, group, OU, container and contact both fixtures name', () => {
    const names = state.directory.users.map((u) => u.displayName);
    expect(names).toEqual(
      expect.arrayContaining([
        'Ana Silva',
        'Ben Okafor',
        'Carl Novak',
        'Dora Kim',
        'Fay Mendes',
        'Eve Tan',
        'Jordan Lee',
        'Sam Rivera',
        'Casey Smith',
      ]),
    );
    expect(state.directory.groups.map((g) => g.displayName)).toEqual([
      'ChatSupport',
      'Finance',
      'ITChatMembers',
    ]);
    expect(state.directory.organizationalUnits).toHaveLength(5);
    expect(state.directory.containers).toEqual(['CN=Users,DC=example,DC=org']);
    expect(state.directory.contacts[0]?.sipAddress).toBe('sip:dc1meetingroom@example.org');
    const jordan = state.directory.users.find((u) => u.displayName === 'Jordan Lee');
    expect(jordan).toMatchObject({
      sipAddress: 'sip:jordan.lee@example.org',
      enabled: true,
      persistentChatPolicy: null,
      site: 'DC1',
    });
    expect(jordan?.attributes['department']).toBe('IT');
  });

  it('returns the five ItRoom messages in UTC, for loading after the setup script', () => {
    expect(messages).toHaveLength(5);
    expect(messages[0]).toEqual({
      room: 'pc1.dc1.example.org\\ItRoom',
      from: 'sip:ana@example.org',
      at: '2012-03-20T10:00:00.000Z',
      text: 'Server move tonight',
    });
  });

  it('makes the init user a CsAdministrator', () => {
    expect(state.operators).toEqual([{name: 'admin', roles: ['CsAdministrator']}]);
  });

  it('keeps only pc1 in the one-pool fixture', () => {
    expect(stateFrom(onePoolDeployment()).topology.persistentChatPools.map((p) => p.fqdn)).toEqual([
      'pc1.dc1.example.org',
    ]);
  });
});

describe('loadDeployment defaults and normalisation', () => {
  it('fills the documented defaults of a pool', () => {
    const pool = stateFrom(minimal()).topology.persistentChatPools[0];
    expect(pool).toMatchObject({
      displayName: null,
      collocatedWithStandardEdition: false,
      lowLatencyLink: false,
      port: 5041,
      fileStore: null,
      nextHopPool: null,
      poolState: 'Normal',
      compliance: {enabled: false, store: null},
    });
    expect(pool?.stores).toEqual({
      primary: {sqlFqdn: 'sql.example.org', instance: 'rtc', dataCenter: 'a'},
      primaryMirror: null,
      backup: null,
      backupMirror: null,
      logShipping: false,
    });
  });

  it('lower-cases FQDNs and SIP addresses and spells sites as the sites list does', () => {
    const d = withPool((p) => ({
      ...p,
      fqdn: 'PC.Example.org',
      site: 's1',
      servers: [{fqdn: 'CHAT1.example.org', dataCenter: 'a'}],
      activeServers: ['Chat1.Example.Org'],
    }));
    const state = stateFrom({
      ...d,
      directory: {
        users: [{displayName: 'Ana', dn: 'CN=Ana,DC=example,DC=org', sipAddress: 'sip:Ana@EXAMPLE.org'}],
      },
    });
    expect(state.topology.persistentChatPools[0]).toMatchObject({
      fqdn: 'pc.example.org',
      site: 'S1',
      activeServers: ['chat1.example.org'],
    });
    expect(state.directory.users[0]?.sipAddress).toBe('sip:ana@example.org');
  });

  it.each([
    [{sipAddress: 'sip:a@example.org'}, true],
    [{sipAddress: 'sip:a@example.org', enabled: false}, false],
    [{}, false],
  ])('enables a user %j for Lync: %s', (fields, enabled) => {
    const state = stateFrom({
      ...minimal(),
      directory: {users: [{displayName: 'A', dn: 'CN=A,DC=example,DC=org', ...fields}]},
    });
    expect(state.directory.users[0]?.enabled).toBe(enabled);
  });

  it('creates only the endpoints the file lists, in the Application Contacts container', () => {
    expect(stateFrom(minimal()).endpoints).toEqual([]);
    const state = stateFrom({
      ...minimal(),
      endpoints: [{sipAddress: 'sip:chat@example.org', pool: 'pc.example.org', displayName: 'Chat'}],
    });
    expect(state.endpoints).toEqual([
      {
        dn: 'CN={00000000-0000-4000-8000-000000000001},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org',
        objectId: '00000000-0000-4000-8000-000000000001',
        sipAddress: 'sip:chat@example.org',
        displayName: 'Chat',
        poolFqdn: 'pc.example.org',
        isDefault: false,
      },
    ]);
  });

  it('merges the init user into the listed operators', () => {
    const listed = {
      ...minimal(),
      operators: [
        {name: 'admin', roles: ['CsHelpDesk' as const]},
        {name: 'viewer', roles: ['CsViewOnlyAdministrator' as const]},
      ],
    };
    expect(stateFrom(listed).operators).toEqual([
      {name: 'admin', roles: ['CsAdministrator', 'CsHelpDesk']},
      {name: 'viewer', roles: ['CsViewOnlyAdministrator']},
    ]);
  });

  it('keeps other LDAP attributes for -LdapFilter', () => {
    const state = stateFrom({
      ...minimal(),
      directory: {
        users: [
          {
            displayName: 'A',
            dn: 'CN=A,DC=example,DC=org',
            l: 'Springfield',
            attributes: {physicalDeliveryOfficeName: 'B12'},
          },
        ],
      },
    });
    expect(state.directory.users[0]?.attributes).toEqual({
      l: 'Springfield',
      physicalDeliveryOfficeName: 'B12',
    });
  });
});

describe('loadDeployment refusals', () => {
  it('lists every topology problem of a deployment at once', () => {
    const d = minimal();
    const broken: DeploymentFile = {
      ...d,
      sites: [...d.sites, {name: 's1'}],
      persistentChatPools: [
        {
          ...d.persistentChatPools[0]!,
          servers: servers(9),
          activeServers: [
            'chat1.example.org',
            'chat2.example.org',
            'chat3.example.org',
            'chat4.example.org',
            'chat5.example.org',
            'elsewhere.example.org',
          ],
        },
        {
          fqdn: 'single.example.org',
          site: 'Nowhere',
          kind: 'singleComputer',
          servers: [{fqdn: 'single.example.org'}, {fqdn: 'chat1.example.org', dataCenter: 'z'}],
          stores: {primary: {sqlFqdn: 'sql.example.org', instance: 'rtc', dataCenter: 'zz'}},
          poolState: 'FailedOver',
        },
      ],
      directory: {
        users: [
          {displayName: 'A', dn: 'CN=A,DC=example,DC=org', sipAddress: 'sip:a@example.org'},
          {displayName: 'B', dn: 'CN=B,DC=example,DC=org', sipAddress: 'sip:A@example.org', site: 'Mars'},
          {displayName: 'C', dn: 'cn=a, DC=example,DC=org', sipAddress: 'sip:c@other.org'},
        ],
        groups: [{dn: 'CN=G,DC=example,DC=org', displayName: 'G', members: ['CN=Ghost,DC=example,DC=org']}],
      },
      endpoints: [{sipAddress: 'sip:e@example.org', pool: 'nopool.example.org'}],
    };
    const found = issuesOf(broken).map((i) => [i.errorId, i.parameter]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['DuplicateName', 'sites[1].name'],
        ['ServerLimit', 'persistentChatPools[0].servers'],
        ['NotPoolMember', 'persistentChatPools[0].activeServers[5]'],
        ['ActiveServerLimit', 'persistentChatPools[0].activeServers'],
        ['SiteNotFound', 'persistentChatPools[1].site'],
        ['SingleComputerPool', 'persistentChatPools[1].servers'],
        ['DuplicateFqdn', 'persistentChatPools[1].servers[1].fqdn'],
        ['DataCenterNotFound', 'persistentChatPools[1].stores.primary.dataCenter'],
        ['BackupStoreRequired', 'persistentChatPools[1].stores.backup'],
        ['DuplicateStore', 'persistentChatPools[1].stores.primary'],
        ['DuplicateSipAddress', 'directory.users[1].sipAddress'],
        ['SiteNotFound', 'directory.users[1].site'],
        ['DuplicateName', 'directory.users[2].dn'],
        ['InvalidValue', 'directory.users[2].sipAddress'],
        ['PrincipalNotFound', 'directory.groups[0].members[0]'],
        ['PoolNotFound', 'endpoints[0].pool'],
      ]),
    );
    expect(found.length).toBeGreaterThanOrEqual(16);
  });

  it('starts every message with the JSON path of the problem', () => {
    for (const issue of issuesOf(
      withPool((p) => ({...p, servers: servers(9), activeServers: ['x.example.org']})),
    )) {
      expect(issue.message.startsWith(`${issue.parameter ?? ''}: `)).toBe(true);
    }
  });

  it.each<[string, DeploymentFile, string, string]>([
    [
      'a fifth active server',
      withPool((p) => ({...p, servers: servers(5), activeServers: servers(5).map((s) => s.fqdn)})),
      'ActiveServerLimit',
      'persistentChatPools[0].activeServers',
    ],
    [
      'a ninth server',
      withPool((p) => ({...p, servers: servers(9)})),
      'ServerLimit',
      'persistentChatPools[0].servers',
    ],
    [
      'an active server outside the pool',
      withPool((p) => ({...p, activeServers: ['chat9.example.org']})),
      'NotPoolMember',
      'persistentChatPools[0].activeServers[0]',
    ],
    [
      'an active server listed twice',
      withPool((p) => ({...p, activeServers: ['chat1.example.org', 'CHAT1.example.org']})),
      'DuplicateFqdn',
      'persistentChatPools[0].activeServers[1]',
    ],
    [
      'a malformed active server',
      withPool((p) => ({...p, activeServers: ['chat 1']})),
      'InvalidValue',
      'persistentChatPools[0].activeServers[0]',
    ],
    [
      'a single-computer pool with two servers',
      withPool((p) => ({...p, kind: 'singleComputer', servers: servers(2)})),
      'SingleComputerPool',
      'persistentChatPools[0].servers',
    ],
    [
      'a collocated pool with two servers',
      withPool((p) => ({...p, collocatedWithStandardEdition: true, servers: servers(2)})),
      'SingleComputerPool',
      'persistentChatPools[0].servers',
    ],
    ['an unknown site', withPool((p) => ({...p, site: 'S9'})), 'SiteNotFound', 'persistentChatPools[0].site'],
    [
      'a server in a data centre of another site',
      withPool((p) => ({...p, servers: [{fqdn: 'chat1.example.org', dataCenter: 'c'}]})),
      'DataCenterNotFound',
      'persistentChatPools[0].servers[0].dataCenter',
    ],
    [
      'a store in an unknown data centre',
      withPool((p) => ({
        ...p,
        stores: {primary: {sqlFqdn: 'sql.example.org', instance: 'rtc', dataCenter: 'q'}},
      })),
      'DataCenterNotFound',
      'persistentChatPools[0].stores.primary.dataCenter',
    ],
    [
      'log shipping without a backup store',
      withPool((p) => ({...p, stores: {...p.stores, logShipping: true}})),
      'BackupStoreRequired',
      'persistentChatPools[0].stores.backup',
    ],
    [
      'a primary mirror in another data centre',
      withPool((p) => ({
        ...p,
        stores: {...p.stores, primaryMirror: {sqlFqdn: 'sql2.example.org', instance: 'rtc', dataCenter: 'b'}},
      })),
      'InvalidValue',
      'persistentChatPools[0].stores.primaryMirror.dataCenter',
    ],
    [
      'compliance without a store',
      withPool((p) => ({...p, compliance: {enabled: true}})),
      'InvalidValue',
      'persistentChatPools[0].compliance.store',
    ],
    [
      'an unknown next hop',
      withPool((p) => ({...p, nextHopPool: 'fe9.example.org'})),
      'PoolNotFound',
      'persistentChatPools[0].nextHopPool',
    ],
    [
      'a server named like its multi-computer pool',
      withPool((p) => ({...p, servers: [{fqdn: 'pc.example.org'}]})),
      'DuplicateFqdn',
      'persistentChatPools[0].servers[0].fqdn',
    ],
    [
      'a message for a room of an unknown pool',
      {
        ...minimal(),
        messages: [
          {room: 'px.example.org\\R', from: 'sip:a@example.org', at: '2020-01-01T00:00:00Z', text: 'hi'},
        ],
      },
      'PoolNotFound',
      'messages[0].room',
    ],
    [
      'an operator listed twice',
      {
        ...minimal(),
        operators: [
          {name: 'x', roles: ['CsHelpDesk']},
          {name: 'x', roles: ['CsHelpDesk']},
        ],
      },
      'DuplicateName',
      'operators[1].name',
    ],
  ])('refuses %s', (_what, deployment, errorId, path) => {
    expect(issuesOf(deployment).map((i) => [i.errorId, i.parameter])).toContainEqual([errorId, path]);
  });

  it('accepts a single-computer pool named after its one server', () => {
    const d = withPool((p) => ({
      ...p,
      kind: 'singleComputer',
      servers: [{fqdn: 'pc.example.org'}],
      activeServers: ['pc.example.org'],
    }));
    expect(stateFrom(d).topology.persistentChatPools[0]?.activeServers).toEqual(['pc.example.org']);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 42, '(top level)'],
    ['null', null, '(top level)'],
    ['another format version', {...minimal(), formatVersion: 2}, 'formatVersion'],
    ['an unknown key', {...minimal(), colour: 'blue'}, 'colour'],
    [
      'a misspelt nested key',
      withPool((p) => ({...p, activeServer: []}) as unknown as Pool),
      'persistentChatPools[0].activeServer',
    ],
    ['a prototype key', JSON.parse('{"formatVersion":1,"__proto__":{"admin":true}}') as unknown, '__proto__'],
    [
      'a missing list of pools',
      {formatVersion: 1, sipDomains: ['example.org'], sites: [{name: 'S'}]},
      'persistentChatPools',
    ],
    ['a bad FQDN', withPool((p) => ({...p, fqdn: 'pc_1.example.org'})), 'persistentChatPools[0].fqdn'],
    ['a numeric top label', withPool((p) => ({...p, fqdn: 'pc.example.123'})), 'persistentChatPools[0].fqdn'],
    [
      'a bad SIP address',
      {
        ...minimal(),
        directory: {
          contacts: [{displayName: 'C', dn: 'CN=C,DC=example,DC=org', sipAddress: 'c@example.org'}],
        },
      },
      'directory.contacts[0].sipAddress',
    ],
    [
      'a bad DN',
      {...minimal(), directory: {organizationalUnits: ['OU=IT.DC=example']}},
      'directory.organizationalUnits[0]',
    ],
    ['a control character in a name', {...minimal(), sites: [{name: 'S1\u001b[2J'}]}, 'sites[0].name'],
    ['an unknown role', {...minimal(), operators: [{name: 'x', roles: ['Root']}]}, 'operators[0].roles[0]'],
    [
      'a date without a time zone',
      {
        ...minimal(),
        messages: [
          {room: 'pc.example.org\\R', from: 'sip:a@example.org', at: '2020-01-01T10:00:00', text: 'x'},
        ],
      },
      'messages[0].at',
    ],
    ['a port out of range', withPool((p) => ({...p, port: 70000})), 'persistentChatPools[0].port'],
    ['a pool without servers', withPool((p) => ({...p, servers: []})), 'persistentChatPools[0].servers'],
  ])('refuses %s, naming the path', (_what, input, path) => {
    const issues = issuesOf(input);
    expect(issues.map((i) => i.parameter)).toContain(path);
    expect(issues.every((i) => i.errorId === 'InvalidDeployment')).toBe(true);
  });

  it('leaves Object.prototype alone when the file carries __proto__', () => {
    issuesOf(JSON.parse('{"formatVersion":1,"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('says how many problems there are in the error message', () => {
    const error = (() => {
      try {
        loadDeployment({...minimal(), formatVersion: 3, colour: 1}, {initUser: 'a', newId: () => 'x'});
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toMatch(/2 problems/);
  });
});

describe('isDistinguishedName', () => {
  it.each([
    ['CN=Ana Silva,OU=IT,DC=example,DC=org', true],
    ['OU=IT, DC=example, DC=org', true],
    ['CN=Smith\\, Ann,CN=Users,DC=example,DC=org', true],
    ['DC=example,DC=org', true],
    ['CN=ChatSupportGroup.OU=IT,DC=example,DC=org', false],
    ['OU=IT.DC=example', false],
    ['ana@example.org', false],
    ['CN=,DC=org', false],
    ['CN=a,,DC=org', false],
    ['=x', false],
    ['CN=a\u0000,DC=org', false],
  ])('%j is a DN: %s', (text, expected) => {
    expect(isDistinguishedName(text)).toBe(expected);
  });
});
