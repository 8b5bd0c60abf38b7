import {describe, expect, it} from 'vitest';
import {
  displayNameOf,
  dnParts,
  dnWithin,
  parsePrincipal,
  principalKey,
  refOf,
} from '../../src/domain/principals.js';
import type {Directory} from '../../src/domain/types.js';
import {CmdletError} from '../../src/domain/errors.js';
import {CHAT_SUPPORT, contentState, DOMAIN, OU_IT, USERS} from '../helpers/content-fixture.js';

const directory = contentState().directory;
const empty: Directory = {users: [], groups: [], contacts: [], organizationalUnits: [], containers: []};

const errorOf = (f: () => unknown): CmdletError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

describe('parsePrincipal', () => {
  it.each([
    ['sip:ana@example.org', 'user', 'sip:ana@example.org'],
    ['SIP:Ana@Example.ORG', 'user', 'sip:ana@example.org'],
    ['ana@example.org', 'user', 'sip:ana@example.org'],
    [OU_IT, 'ou', OU_IT],
    [DOMAIN, 'domain', DOMAIN],
    [CHAT_SUPPORT, 'group', CHAT_SUPPORT],
    [USERS, 'container', USERS],
    ['CN=Ana Silva,OU=IT,DC=example,DC=org', 'user', 'sip:ana@example.org'],
    ['sip:dc1meetingroom@example.org', 'user', 'sip:dc1meetingroom@example.org'],
  ])('classifies %s as a %s stored as %s', (raw, kind, value) => {
    expect(parsePrincipal(directory, raw, 'Members')).toEqual({kind, value});
  });

  it.each([
    ['CN=ChatSupportGroup.OU=IT,DC=example,DC=org', 'a DN typo with a period'],
    ['CN=Nobody,OU=IT,DC=example,DC=org', 'a CN the directory does not know'],
    ['sip:ghost@example.org', 'a SIP address nobody has'],
    ['sip:ana example.org', 'a SIP address with a space'],
    ['Ana Silva', 'a display name without -AsObject'],
    ['', 'an empty string'],
    ['sip:ana@example.org\u001b[2J', 'a control sequence'],
    ['OU=IT,,DC=example,DC=org', 'an empty RDN'],
    ['L=Lisbon', 'an RDN that names no directory object kind'],
  ])('refuses %j (%s) with InvalidPrincipal naming the parameter', (raw) => {
    const error = errorOf(() => parsePrincipal(directory, raw, 'Members'));
    expect(error.errorId).toBe('InvalidPrincipal');
    expect(error.parameter).toBe('Members');
  });

  it('resolves display names only with -AsObject', () => {
    expect(parsePrincipal(directory, 'Ana Silva', 'Members', true)).toEqual({
      kind: 'user',
      value: 'sip:ana@example.org',
    });
    expect(parsePrincipal(directory, 'chatsupport', 'Members', true)).toEqual({
      kind: 'group',
      value: CHAT_SUPPORT,
    });
    expect(errorOf(() => parsePrincipal(directory, 'Nobody Here', 'Members', true)).errorId).toBe(
      'InvalidPrincipal',
    );
  });

  it('treats an unknown CN as a group when no directory is loaded', () => {
    expect(parsePrincipal(empty, 'CN=Anything,DC=example,DC=org', 'AllowedMembers')).toEqual({
      kind: 'group',
      value: 'CN=Anything,DC=example,DC=org',
    });
    expect(parsePrincipal(empty, 'sip:ghost@example.org', 'AllowedMembers').kind).toBe('user');
  });
});

describe('DN helpers', () => {
  it('normalises keys by case and spaces around separators', () => {
    expect(principalKey(' CN=Users , DC = Example,DC=org ')).toBe('cn=users,dc=example,dc=org');
  });

  it.each([
    ['CN=Ana Silva,OU=IT,DC=example,DC=org', OU_IT, true],
    ['CN=Ana Silva,OU=IT,DC=example,DC=org', DOMAIN, true],
    [OU_IT, OU_IT, true],
    ['CN=Carl Novak,CN=Users,DC=example,DC=org', OU_IT, false],
    ['OU=SubIT,OU=IT,DC=example,DC=org', 'ou=it, dc=example, dc=org', true],
    [DOMAIN, OU_IT, false],
  ])('dnWithin(%s, %s) is %s', (descendant, ancestor, expected) => {
    expect(dnWithin(descendant, ancestor)).toBe(expected);
  });

  it('rejects malformed DNs', () => {
    expect(dnParts('CN=a=b,DC=x')).toBeNull();
    expect(dnParts('just text')).toBeNull();
  });

  it('classifies stored entries without throwing', () => {
    expect(refOf(directory, USERS).kind).toBe('container');
    expect(refOf(directory, 'CN=Gone,DC=example,DC=org').kind).toBe('group');
  });

  it('shows display names for users and groups, and DNs for everything else', () => {
    expect(displayNameOf(directory, 'sip:ANA@example.org')).toBe('Ana Silva');
    expect(displayNameOf(directory, CHAT_SUPPORT)).toBe('ChatSupport');
    expect(displayNameOf(directory, OU_IT)).toBe(OU_IT);
  });
});
