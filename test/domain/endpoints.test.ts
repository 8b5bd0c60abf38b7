import {describe, expect, it} from 'vitest';
import {
  endpointDn,
  findEndpoints,
  getEndpoints,
  newEndpoint,
  removeEndpoint,
  sipAddressOwner,
} from '../../src/domain/endpoints.js';
import {DEFAULT_ENDPOINT_DN, fixtureState, POOL, POOL2} from './directory-fixture.js';

const GUID = '22222222-2222-4222-8222-222222222222';
const base = fixtureState({twoPools: true});
const input = {
  sipAddress: 'sip:pce@example.org',
  poolFqdn: POOL,
  displayName: 'Persistent Chat Endpoint 1',
  objectId: GUID,
};

describe('newEndpoint', () => {
  it('creates a contact in Application Contacts with a GUID-based DN', () => {
    const {state, output, warnings} = newEndpoint(base, {...input, poolFqdn: POOL2});
    expect(output).toEqual({
      dn: `CN={${GUID}},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org`,
      objectId: GUID,
      sipAddress: 'sip:pce@example.org',
      displayName: 'Persistent Chat Endpoint 1',
      poolFqdn: POOL2,
      isDefault: true,
    });
    expect(warnings).toEqual([]);
    expect(state.endpoints).toHaveLength(2);
  });

  it('warns when the pool already has an endpoint, and the new one is not the default', () => {
    const {output, warnings} = newEndpoint(base, input);
    expect(output.isDefault).toBe(false);
    expect(warnings).toEqual([
      expect.objectContaining({warningId: 'AdditionalEndpoint', target: 'sip:pce@example.org'}),
    ]);
  });

  it('stores the address in lower case and the pool as the topology spells it', () => {
    const {output} = newEndpoint(base, {
      ...input,
      sipAddress: 'SIP:PCE@Example.ORG',
      poolFqdn: 'PC1.DC1.example.org.',
    });
    expect(output).toMatchObject({sipAddress: 'sip:pce@example.org', poolFqdn: POOL});
  });

  it('derives the domain part of the DN from the first SIP domain when the directory is empty', () => {
    const empty = {
      ...base,
      sipDomains: ['contoso.test'],
      directory: {users: [], groups: [], contacts: [], organizationalUnits: [], containers: []},
    };
    expect(endpointDn(empty, GUID)).toBe(
      `CN={${GUID}},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=contoso,DC=test`,
    );
  });

  it.each([
    [{sipAddress: 'pce@example.org'}, 'InvalidValue', 'SipAddress'],
    [{sipAddress: 'sip:pce@other.org'}, 'InvalidValue', 'SipAddress'],
    [{sipAddress: 'sip:pce example@example.org'}, 'InvalidValue', 'SipAddress'],
    [{sipAddress: 'sip:jordan.lee@example.org'}, 'AlreadyExists', 'SipAddress'],
    [{sipAddress: 'sip:Jordan.Lee@EXAMPLE.org'}, 'AlreadyExists', 'SipAddress'],
    [{sipAddress: 'sip:dc1meetingroom@example.org'}, 'AlreadyExists', 'SipAddress'],
    [{sipAddress: 'sip:pc1chat@example.org'}, 'AlreadyExists', 'SipAddress'],
    [{poolFqdn: 'pc9.dc1.example.org'}, 'PoolNotFound', 'PersistentChatPoolFqdn'],
    [{poolFqdn: 'pc1'}, 'InvalidValue', 'PersistentChatPoolFqdn'],
    [{poolFqdn: 'fe1.dc1.example.org'}, 'PoolNotFound', 'PersistentChatPoolFqdn'],
    [{displayName: 'bad\u001b[2Jname'}, 'InvalidValue', 'DisplayName'],
    [{displayName: 'x'.repeat(257)}, 'InvalidValue', 'DisplayName'],
  ])('refuses %j with %s', (change, errorId, parameter) => {
    expect(() => newEndpoint(base, {...input, ...change})).toThrow(
      expect.objectContaining({errorId, parameter}),
    );
  });

  it('reports who holds a SIP address', () => {
    expect(sipAddressOwner(base, 'sip:JORDAN.LEE@example.org')).toBe('the user Jordan Lee');
    expect(sipAddressOwner(base, 'sip:pc1chat@example.org')).toBe(`the Persistent Chat endpoint of ${POOL}`);
    expect(sipAddressOwner(base, 'sip:free@example.org')).toBeNull();
  });
});

describe('getEndpoints and findEndpoints', () => {
  const state = newEndpoint(newEndpoint(base, input).state, {
    ...input,
    sipAddress: 'sip:ocschat@example.org',
    displayName: 'Legacy Group Chat',
    poolFqdn: POOL2,
    objectId: 'x',
  }).state;
  const sips = (query: Parameters<typeof getEndpoints>[1]): string[] =>
    getEndpoints(state, query).map((e) => e.sipAddress);

  it.each([
    [{}, ['sip:pc1chat@example.org', 'sip:pce@example.org', 'sip:ocschat@example.org']],
    [{identity: 'sip:pce@example.org'}, ['sip:pce@example.org']],
    [{identity: 'pce@example.org'}, ['sip:pce@example.org']],
    [{identity: 'Legacy Group Chat'}, ['sip:ocschat@example.org']],
    [{identity: '*Chat*'}, ['sip:pc1chat@example.org', 'sip:pce@example.org', 'sip:ocschat@example.org']],
    [{identity: '* Chat'}, ['sip:pc1chat@example.org', 'sip:ocschat@example.org']],
    [{identity: DEFAULT_ENDPOINT_DN.toLowerCase()}, ['sip:pc1chat@example.org']],
    [{poolFqdn: POOL}, ['sip:pc1chat@example.org', 'sip:pce@example.org']],
    [{poolFqdn: 'PC2.dc2.example.org'}, ['sip:ocschat@example.org']],
    [{ldapFilter: '(displayName=Persistent*)'}, ['sip:pce@example.org']],
    [
      {ou: 'CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org'},
      ['sip:pc1chat@example.org', 'sip:pce@example.org', 'sip:ocschat@example.org'],
    ],
    [{ou: 'OU=DC1,DC=example,DC=org'}, []],
  ])('selects with %j', (query, expected) => {
    expect(sips(query)).toEqual(expected);
  });

  it.each([
    [{identity: 'sip:nobody@example.org'}, 'EndpointNotFound'],
    [{identity: 'Nobody'}, 'EndpointNotFound'],
    [{poolFqdn: 'pc9.dc1.example.org'}, 'PoolNotFound'],
    [{ou: 'not a dn'}, 'InvalidValue'],
    [{ldapFilter: '(displayName=x'}, 'InvalidValue'],
  ])('fails for %j with %s', (query, errorId) => {
    expect(() => getEndpoints(state, query)).toThrow(expect.objectContaining({errorId}));
  });

  it('finds nothing, without an error, for a wildcard that matches nothing', () => {
    expect(findEndpoints(state, 'Nothing*')).toEqual([]);
  });
});

describe('removeEndpoint', () => {
  it('removes the endpoint and leaves the others', () => {
    const [endpoint] = findEndpoints(base, 'sip:pc1chat@example.org');
    if (!endpoint) throw new Error('fixture endpoint missing');
    const next = removeEndpoint(base, endpoint);
    expect(next.endpoints).toEqual([]);
    expect(removeEndpoint(next, endpoint)).toBe(next);
  });
});
