import {describe, expect, it} from 'vitest';
import {runLines} from '../helpers/run-lines.js';
import {fixtureState, JORDAN, withAssignments} from '../domain/directory-fixture.js';
import {onePoolDeployment, stateFrom} from '../helpers/demo.js';
import type {ChatState} from '../../src/domain/types.js';

const base = withAssignments(fixtureState(), {'Jordan Lee': 'DC1UsersPersistentChatPolicy'});
const MEETING_ROOM = 'CN=DC1 Meeting Room,OU=DC1,DC=example,DC=org';
const GROUP = 'CN=ITChatMembers,OU=DC1,DC=example,DC=org';

async function outputOf(line: string, state: ChatState = base) {
  const {runs} = await runLines(state, [line]);
  const run = runs[0];
  if (!run) throw new Error('no run');
  expect(run.errors).toEqual([]);
  return run.output;
}

const identities = (output: readonly unknown[]): unknown[] =>
  output.map((o) => (o as {Identity: unknown}).Identity);

const ENDPOINT =
  'CN={11111111-1111-4111-8111-111111111111},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org';

describe('Get-CsAdPrincipal: the documented examples', () => {
  it('Get-CsAdPrincipal lists every principal with its object classes', async () => {
    const output = await outputOf('Get-CsAdPrincipal');
    expect(output).toHaveLength(16);
    expect(output[0]).toEqual({
      Identity: 'DC=example,DC=org',
      Name: 'example',
      DisplayName: null,
      ObjectClass: ['top', 'domain', 'domainDNS'],
      SipAddress: null,
      Enabled: null,
      DistinguishedName: 'DC=example,DC=org',
    });
    expect(output).toContainEqual({
      Identity: JORDAN.dn,
      Name: 'Jordan Lee',
      DisplayName: 'Jordan Lee',
      ObjectClass: ['top', 'person', 'organizationalPerson', 'user'],
      SipAddress: 'sip:jordan.lee@example.org',
      Enabled: true,
      DistinguishedName: JORDAN.dn,
    });
    // Persistent Chat endpoints are AD contact objects (spec section 5).
    expect(output).toContainEqual(
      expect.objectContaining({
        Identity: ENDPOINT,
        ObjectClass: ['top', 'person', 'organizationalPerson', 'contact'],
      }),
    );
  });

  it.each([
    ['Get-CsAdPrincipal -Filter {SipAddress -eq "sip:dc1meetingroom@example.org"}', [MEETING_ROOM]],
    ['Get-CsAdPrincipal | Where-Object {$_.ObjectClass -contains "contact"}', [MEETING_ROOM, ENDPOINT]],
    [
      'Get-CsAdPrincipal -Identity "* Smith"',
      ['CN=Casey Smith,OU=DC2,DC=example,DC=org', 'CN=Alex Smith,OU=DC2,DC=example,DC=org'],
    ],
    ['Get-CsAdPrincipal "ITChatMembers"', [GROUP]],
    ['Get-CsAdPrincipal -LDAPFilter "l=Springfield"', [JORDAN.dn, 'CN=Sam Rivera,OU=DC1,DC=example,DC=org']],
    ['Get-CsAdPrincipal -LDAPFilter "(&(l=Springfield)(department=IT))"', [JORDAN.dn]],
    [
      'Get-CsAdPrincipal -LDAPFilter "(|(objectClass=group)(objectClass=contact))"',
      [GROUP, MEETING_ROOM, ENDPOINT],
    ],
    [
      'Get-CsAdPrincipal -OU "OU=DC2,DC=example,DC=org"',
      [
        'OU=DC2,DC=example,DC=org',
        'CN=Casey Smith,OU=DC2,DC=example,DC=org',
        'CN=Alex Smith,OU=DC2,DC=example,DC=org',
      ],
    ],
    [
      'Get-CsAdPrincipal -Filter {Enabled -ne $True} -OU "OU=DC2,DC=example,DC=org"',
      ['OU=DC2,DC=example,DC=org', 'CN=Alex Smith,OU=DC2,DC=example,DC=org'],
    ],
    ['Get-CsAdPrincipal -ResultSize 0', []],
    ['Get-CsAdPrincipal -ResultSize 2', ['DC=example,DC=org', 'OU=DC1,DC=example,DC=org']],
  ])('%s', async (line, expected) => {
    expect(identities(await outputOf(line))).toEqual(expected);
  });

  // The reference: this "returns Active Directory principal information for the Redmond and
  // Dublin OUs", that is the two OU objects; -OU lists what is under one.
  it('returns the OU objects piped in, and -OU lists what is under one', async () => {
    const output = await outputOf(
      '"OU=DC1,DC=example,DC=org", "OU=DC2,DC=example,DC=org" | Get-CsAdPrincipal',
    );
    expect(identities(output)).toEqual(['OU=DC1,DC=example,DC=org', 'OU=DC2,DC=example,DC=org']);
    expect(identities(await outputOf('Get-CsAdPrincipal -OU "OU=DC2,DC=example,DC=org"'))).toEqual([
      'OU=DC2,DC=example,DC=org',
      'CN=Casey Smith,OU=DC2,DC=example,DC=org',
      'CN=Alex Smith,OU=DC2,DC=example,DC=org',
    ]);
  });

  it('selects the OU names as the reference describes', async () => {
    const output = await outputOf(
      'Get-CsAdPrincipal | Where-Object {$_.ObjectClass -match "organizationalUnit"} | Select-Object Name',
    );
    expect(output).toEqual([{Name: 'DC1'}, {Name: 'DC2'}]);
  });

  it.each([
    ['Get-CsAdPrincipal -Identity "OU=Nowhere,DC=example,DC=org"', 'PrincipalNotFound'],
    ['Get-CsAdPrincipal -LDAPFilter "(&(l=Springfield)"', 'InvalidValue'],
    ['Get-CsAdPrincipal -LDAPFilter "l=Spring(field"', 'InvalidValue'],
    ['Get-CsAdPrincipal -OU "OU=Nowhere,DC=example,DC=org"', 'PrincipalNotFound'],
    ['Get-CsAdPrincipal -DomainController "bad name!"', 'InvalidValue'],
  ])('%s fails with %s', async (line, errorId) => {
    const {runs} = await runLines(base, [line]);
    expect(runs[0]?.errors.map((e) => e.errorId)).toEqual([errorId]);
  });
});

describe('Get-CsUser', () => {
  it('shows a user with the policy they hold', async () => {
    expect(await outputOf('Get-CsUser -Identity "Jordan Lee"')).toEqual([
      {
        Identity: JORDAN.dn,
        DisplayName: 'Jordan Lee',
        SipAddress: 'sip:jordan.lee@example.org',
        Enabled: true,
        UserPrincipalName: 'jordan.lee@example.org',
        SamAccountName: 'jordanlee',
        Department: 'IT',
        Title: 'Engineer',
        City: 'Springfield',
        Site: 'DC1',
        PersistentChatPolicy: 'DC1UsersPersistentChatPolicy',
        DistinguishedName: JORDAN.dn,
      },
    ]);
  });

  it.each([
    ['Get-CsUser', ['Jordan Lee', 'Sam Rivera', 'Casey Smith', 'Alex Smith']],
    ['Get-CsUser -Filter {PersistentChatPolicy -eq "DC1UsersPersistentChatPolicy"}', ['Jordan Lee']],
    ['Get-CsUser -Filter {Enabled -eq $False}', ['Alex Smith']],
    ['Get-CsUser -LdapFilter "Department=IT"', ['Jordan Lee', 'Casey Smith']],
    ['Get-CsUser -OU "OU=DC1,DC=example,DC=org"', ['Jordan Lee', 'Sam Rivera']],
    ['Get-CsUser "* Smith" -ResultSize 1', ['Casey Smith']],
    ['Get-CsUser "sip:sam.rivera@example.org"', ['Sam Rivera']],
    ['Get-CsUser | Where-Object {$_.Site -eq "DC2"} | Select-Object -First 1', ['Casey Smith']],
  ])('%s', async (line, expected) => {
    const output = await outputOf(line);
    expect(output.map((o) => (o as {DisplayName: unknown}).DisplayName)).toEqual(expected);
  });

  it('fails with UserNotFound for an unknown user and a user never enabled for Lync', async () => {
    const {runs} = await runLines(base, [
      'Get-CsUser -Identity "Nobody Here"',
      'Get-CsUser -Identity "Terry Nolan"',
    ]);
    expect(runs.map((r) => r.errors.map((e) => e.errorId))).toEqual([['UserNotFound'], ['UserNotFound']]);
  });
});

describe('the directory cmdlets on the one-pool demo deployment', () => {
  const demo = stateFrom(onePoolDeployment());

  it.each([
    ['Get-CsAdPrincipal -Filter {SipAddress -eq "sip:dc1meetingroom@example.org"}', ['DC1 Meeting Room']],
    ['Get-CsAdPrincipal -LDAPFilter "(&(l=Springfield)(department=Finance))"', ['Carl Novak']],
    [
      'Get-CsAdPrincipal -LDAPFilter "(memberOf=CN=ITChatMembers,OU=IT,DC=example,DC=org)"',
      ['ChatSupport', 'Jordan Lee', 'Sam Rivera'],
    ],
    ['Get-CsUser -LdapFilter "department=IT"', ['Ana Silva', 'Ben Okafor', 'Jordan Lee']],
    ['Get-CsUser -Identity "* Smith"', ['Casey Smith']],
    ['Get-CsUser -OU "OU=EmeaUsers,DC=example,DC=org"', ['Eve Tan']],
  ])('%s', async (line, expected) => {
    const output = await outputOf(line, demo);
    expect(output.map((o) => (o as {DisplayName: unknown}).DisplayName)).toEqual(expected);
  });
});
