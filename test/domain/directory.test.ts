import {describe, expect, it} from 'vitest';
import {findUsers, findUsersForChange, getPrincipals, getUsers} from '../../src/domain/directory.js';
import {directoryPrincipals, OBJECT_CLASSES} from '../../src/domain/directory-principals.js';
import {parseUserId} from '../../src/domain/user-id.js';
import {dnKey, domainDnOf, isDnUnder, parentDn, parseDn} from '../../src/domain/dn.js';
import {ALEX, CASEY, fixtureState, JORDAN, SAM, TERRY} from './directory-fixture.js';
import type {ChatState} from '../../src/domain/types.js';

const state = fixtureState();
const names = (objects: readonly {displayName: string | null}[]): (string | null)[] =>
  objects.map((o) => o.displayName);

describe('distinguished names', () => {
  it('parses RDNs with escapes and spaces around separators', () => {
    expect(parseDn('CN=Lee\\, Jordan , OU=DC1,DC=example,DC=org')).toEqual([
      {type: 'CN', value: 'Lee, Jordan'},
      {type: 'OU', value: 'DC1'},
      {type: 'DC', value: 'example'},
      {type: 'DC', value: 'org'},
    ]);
  });

  it.each([
    'Jordan Lee',
    'Lee, Jordan',
    'CN=ChatSupportGroup.OU=IT,DC=example,DC=org',
    'CN=,DC=org',
    '=x',
    'CN=a\\',
  ])('does not take %j for a DN', (text) => {
    expect(parseDn(text)).toBeNull();
  });

  it('compares case-insensitively and knows parents, subtrees and domains', () => {
    expect(dnKey('cn=Jordan Lee, ou=dc1,dc=Example,dc=ORG')).toBe(dnKey(JORDAN.dn));
    expect(parentDn(JORDAN.dn)).toBe('OU=DC1,DC=example,DC=org');
    expect(isDnUnder(JORDAN.dn, 'ou=DC1,dc=example,dc=org')).toBe(true);
    expect(isDnUnder(JORDAN.dn, 'OU=DC2,DC=example,DC=org')).toBe(false);
    expect(isDnUnder('OU=DC1,DC=example,DC=org', 'OU=DC1,DC=example,DC=org')).toBe(false);
    expect(isDnUnder('CN=x,OU=XDC1,DC=example,DC=org', 'DC1,DC=example,DC=org')).toBe(false);
    expect(domainDnOf(JORDAN.dn)).toBe('DC=example,DC=org');
  });
});

describe('UserIdParameter forms', () => {
  it.each([
    ['sip:jordan.lee@example.org', 'sip'],
    ['SIP:Jordan.Lee@Example.org', 'sip'],
    ['jordan.lee@example.org', 'upn'],
    ['EXAMPLE\\jordanlee', 'logon'],
    ['Jordan Lee', 'displayName'],
    ['* Smith', 'displayName'],
    ['CN=Jordan Lee,OU=DC1,DC=example,DC=org', 'dn'],
    ['Lee, Jordan', 'displayName'],
  ])('reads %j as a %s identity', (text, kind) => {
    expect(parseUserId(text).kind).toBe(kind);
  });

  it.each([
    ['sip:jordan.lee@example.org', [JORDAN]],
    ['SIP:JORDAN.LEE@EXAMPLE.ORG', [JORDAN]],
    ['jordan.lee@example.org', [JORDAN]],
    ['sam.rivera@example.org', [SAM]],
    ['example\\jordanlee', [JORDAN]],
    ['EXAMPLE.ORG\\jordanlee', [JORDAN]],
    ['other\\jordanlee', []],
    ['jordan lee', [JORDAN]],
    ['* Smith', [CASEY, ALEX]],
    ['*', [JORDAN, SAM, CASEY, ALEX, TERRY]],
    ['J*', [JORDAN]],
    ['*a*y*', [CASEY]],
    ['cn=jordan lee,ou=dc1,dc=example,dc=org', [JORDAN]],
    ['Terry Nolan', [TERRY]],
  ])('resolves %j', (identity, expected) => {
    const wildcard = identity.includes('*');
    if (expected.length === 0 && !wildcard) {
      expect(() => findUsers(state, identity)).toThrow(
        expect.objectContaining({errorId: 'UserNotFound', parameter: 'Identity'}),
      );
    } else {
      expect(findUsers(state, identity)).toEqual(expected);
    }
  });

  it.each([
    'Nobody Here',
    'sip:nobody@example.org',
    'CN=Nobody,OU=DC1,DC=example,DC=org',
    'nobody@example.org',
  ])('fails with UserNotFound for %j', (identity) => {
    expect(() => findUsers(state, identity)).toThrow(
      expect.objectContaining({errorId: 'UserNotFound', target: identity}),
    );
  });

  it('returns nothing, without an error, for a wildcard that matches nobody', () => {
    expect(findUsers(state, '* Nobody')).toEqual([]);
  });

  it('refuses a display name shared by two users when changing them', () => {
    const twins: ChatState = {
      ...state,
      directory: {
        ...state.directory,
        users: [
          ...state.directory.users,
          {...CASEY, dn: 'CN=Casey Smith,OU=DC1,DC=example,DC=org', sipAddress: 'sip:casey2@example.org'},
        ],
      },
    };
    expect(findUsers(twins, 'Casey Smith')).toHaveLength(2);
    expect(() => findUsersForChange(twins, 'Casey Smith')).toThrow(
      expect.objectContaining({errorId: 'AmbiguousIdentity'}),
    );
    expect(findUsersForChange(twins, 'Casey*')).toHaveLength(2);
  });
});

// The demo pool's endpoint: Persistent Chat endpoints are contact objects (spec section 5).
const ENDPOINT_DN =
  'CN={11111111-1111-4111-8111-111111111111},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org';

describe('directory principals', () => {
  const principals = directoryPrincipals(state);
  const byDn = (dn: string) => principals.find((p) => dnKey(p.dn) === dnKey(dn));

  it('derives the domain from the DC= parts and lists every kind with its object classes', () => {
    expect(principals.map((p) => [p.kind, p.dn])).toEqual([
      ['domain', 'DC=example,DC=org'],
      ['organizationalUnit', 'OU=DC1,DC=example,DC=org'],
      ['organizationalUnit', 'OU=DC2,DC=example,DC=org'],
      ['container', 'CN=Users,DC=example,DC=org'],
      ['container', 'CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org'],
      ['container', 'CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org'],
      ['container', 'CN=Services,CN=Configuration,DC=example,DC=org'],
      ['container', 'CN=Configuration,DC=example,DC=org'],
      ['group', 'CN=ITChatMembers,OU=DC1,DC=example,DC=org'],
      ['user', JORDAN.dn],
      ['user', SAM.dn],
      ['user', CASEY.dn],
      ['user', ALEX.dn],
      ['user', TERRY.dn],
      ['contact', 'CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org'],
      ['contact', ENDPOINT_DN],
    ]);
    expect(byDn(ENDPOINT_DN)).toMatchObject({sipAddress: state.endpoints[0]!.sipAddress, enabled: true});
    expect(byDn('DC=example,DC=org')).toMatchObject({name: 'example', objectClass: OBJECT_CLASSES.domain});
    expect(byDn(JORDAN.dn)?.objectClass).toEqual(['top', 'person', 'organizationalPerson', 'user']);
    expect(byDn('CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org')?.objectClass).toEqual([
      'top',
      'person',
      'organizationalPerson',
      'contact',
    ]);
  });

  it('adds OUs and containers that only appear in the DNs of other objects', () => {
    const implied: ChatState = {
      ...state,
      directory: {...state.directory, organizationalUnits: [], containers: []},
    };
    const kinds = directoryPrincipals(implied).filter(
      (p) => p.kind !== 'user' && p.kind !== 'group' && p.kind !== 'contact',
    );
    expect(kinds.map((p) => [p.kind, p.dn])).toEqual([
      ['domain', 'DC=example,DC=org'],
      ['organizationalUnit', 'OU=DC1,DC=example,DC=org'],
      ['organizationalUnit', 'OU=DC2,DC=example,DC=org'],
      ['container', 'CN=Users,DC=example,DC=org'],
      ['container', 'CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org'],
      ['container', 'CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org'],
      ['container', 'CN=Services,CN=Configuration,DC=example,DC=org'],
      ['container', 'CN=Configuration,DC=example,DC=org'],
    ]);
  });

  it('gives LDAP attributes including group membership in both directions', () => {
    expect(byDn(JORDAN.dn)?.attributes.get('memberof')).toEqual([
      'CN=ITChatMembers,OU=DC1,DC=example,DC=org',
    ]);
    expect(byDn('CN=ITChatMembers,OU=DC1,DC=example,DC=org')?.attributes.get('member')).toEqual([
      JORDAN.dn,
      CASEY.dn,
    ]);
    expect(byDn(JORDAN.dn)?.attributes.get('msrtcsip-primaryuseraddress')).toEqual([
      'sip:jordan.lee@example.org',
    ]);
    expect(byDn(ALEX.dn)?.enabled).toBe(false);
    expect(byDn('OU=DC1,DC=example,DC=org')?.enabled).toBeNull();
  });
});

describe('getUsers', () => {
  it('lists the users that have a SIP address, disabled ones included', () => {
    expect(names(getUsers(state, {}))).toEqual(['Jordan Lee', 'Sam Rivera', 'Casey Smith', 'Alex Smith']);
  });

  it.each([
    [{ldapFilter: 'l=Springfield'}, ['Jordan Lee', 'Sam Rivera']],
    [{ldapFilter: '(&(department=IT)(l=Shelbyville))'}, ['Casey Smith']],
    [{ldapFilter: '(memberOf=CN=ITChatMembers,OU=DC1,DC=example,DC=org)'}, ['Jordan Lee', 'Casey Smith']],
    [{ldapFilter: '(msRTCSIP-UserEnabled=FALSE)'}, ['Alex Smith']],
    [{ou: 'OU=DC2,DC=example,DC=org'}, ['Casey Smith', 'Alex Smith']],
    [{ou: 'DC=example,DC=org', ldapFilter: 'department=IT'}, ['Jordan Lee', 'Casey Smith']],
    [{identity: '* Smith', ldapFilter: 'department=IT'}, ['Casey Smith']],
    [{identity: 'Terry*'}, []],
  ])('selects with %j', (query, expected) => {
    expect(names(getUsers(state, query))).toEqual(expected);
  });

  it('fails for an unknown OU and a malformed LDAP filter', () => {
    expect(() => getUsers(state, {ou: 'OU=Nowhere,DC=example,DC=org'})).toThrow(
      expect.objectContaining({errorId: 'PrincipalNotFound', parameter: 'OU'}),
    );
    expect(() => getUsers(state, {ou: 'Nowhere'})).toThrow(
      expect.objectContaining({errorId: 'InvalidValue', parameter: 'OU'}),
    );
    expect(() => getUsers(state, {ldapFilter: '(l=Springfield'})).toThrow(
      expect.objectContaining({errorId: 'InvalidValue', parameter: 'LdapFilter'}),
    );
  });
});

describe('getPrincipals', () => {
  const dns = (query: Parameters<typeof getPrincipals>[1]): string[] =>
    getPrincipals(state, query).map((p) => p.dn);

  it('returns just the OU when the identity names it, and its subtree with -OU', () => {
    expect(dns({identity: 'OU=DC1,DC=example,DC=org'})).toEqual(['OU=DC1,DC=example,DC=org']);
    expect(dns({ou: 'OU=DC1,DC=example,DC=org'})).toEqual([
      'OU=DC1,DC=example,DC=org',
      'CN=ITChatMembers,OU=DC1,DC=example,DC=org',
      JORDAN.dn,
      SAM.dn,
      'CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org',
    ]);
  });

  it.each([
    [{identity: 'sip:dc1meetingroom@example.org'}, ['CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org']],
    [{identity: 'ITChatMembers'}, ['CN=ITChatMembers,OU=DC1,DC=example,DC=org']],
    [{identity: '* Smith'}, [CASEY.dn, ALEX.dn]],
    [{identity: 'DC=example,DC=org'}, ['DC=example,DC=org']],
    [
      {ldapFilter: '(objectClass=organizationalUnit)'},
      ['OU=DC1,DC=example,DC=org', 'OU=DC2,DC=example,DC=org'],
    ],
    [
      {ldapFilter: '(objectCategory=person)', ou: 'OU=DC1,DC=example,DC=org'},
      [JORDAN.dn, SAM.dn, 'CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org'],
    ],
    [
      {ldapFilter: '(|(l=Springfield)(objectClass=contact))'},
      [JORDAN.dn, SAM.dn, 'CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org', ENDPOINT_DN],
    ],
    [{ou: 'CN=Users,DC=example,DC=org'}, ['CN=Users,DC=example,DC=org', TERRY.dn]],
  ])('selects with %j', (query, expected) => {
    expect(dns(query)).toEqual(expected);
  });

  it('fails with PrincipalNotFound for an explicit identity that names nothing', () => {
    expect(() => getPrincipals(state, {identity: 'OU=Nowhere,DC=example,DC=org'})).toThrow(
      expect.objectContaining({errorId: 'PrincipalNotFound', parameter: 'Identity'}),
    );
    expect(getPrincipals(state, {identity: 'Nobody*'})).toEqual([]);
  });
});
