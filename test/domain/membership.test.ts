import {describe, expect, it} from 'vitest';
import {
  entryInScope,
  isEffectiveMember,
  isGroupMember,
  isManager,
  withinMembers,
  type Scope,
} from '../../src/domain/membership.js';
import {canFindRoom, canPost, canTakePart, invitationsEffective} from '../../src/domain/room-access.js';
import type {Directory} from '../../src/domain/types.js';
import {
  ANA,
  BEN,
  byName,
  CARL,
  CHAT_SUPPORT,
  contentState,
  DOMAIN,
  DORA,
  EVE,
  FAY,
  FINANCE,
  OU_IT,
  USERS,
} from '../helpers/content-fixture.js';

const state = contentState();
const directory = state.directory;
const scope = (allowed: string[], denied: string[] = []): Scope => ({allowed, denied});

describe('entryInScope (R1-R5)', () => {
  it.each([
    ['a user covered by a domain', scope([DOMAIN]), ANA, true],
    ['a user covered by an OU', scope([OU_IT]), BEN, true],
    ['a user outside the OU', scope([OU_IT]), CARL, false],
    ['a user covered by a container', scope([USERS]), DORA, true],
    ['a user covered by a group', scope([FINANCE]), EVE, true],
    ['a user named by SIP', scope([CARL]), CARL, true],
    ['a user denied by SIP although allowed by the container', scope([USERS], [DORA]), DORA, false],
    ['a user denied through a group', scope([DOMAIN], [FINANCE]), CARL, false],
    ['anybody when AllowedMembers is empty', scope([]), ANA, false],
    ['a group inside an allowed OU (R3)', scope([OU_IT]), CHAT_SUPPORT, true],
    ['a group inside an allowed domain (R3)', scope([DOMAIN]), FINANCE, true],
    ['a group outside the allowed OU', scope([OU_IT]), FINANCE, false],
    ['an OU equal to the allowed OU', scope([OU_IT]), OU_IT, true],
    ['the domain when only an OU is allowed', scope([OU_IT]), DOMAIN, false],
    ['a group whose container is denied', scope([DOMAIN], ['OU=Groups,DC=example,DC=org']), FINANCE, false],
    [
      'a group not contained by an allowed group (groups do not contain groups)',
      scope(['CN=ITChatMembers,OU=IT,DC=example,DC=org']),
      CHAT_SUPPORT,
      false,
    ],
    [
      'a contact under an allowed OU',
      scope(['OU=DC1,DC=example,DC=org']),
      'sip:dc1meetingroom@example.org',
      true,
    ],
  ])('decides %s', (_title, s, value, expected) => {
    expect(entryInScope(directory, s, value)).toBe(expected);
  });

  it('follows nested groups and survives cycles', () => {
    const cyclic: Directory = {
      ...directory,
      groups: [
        ...directory.groups,
        {
          dn: 'CN=Loop A,OU=IT,DC=example,DC=org',
          displayName: 'Loop A',
          members: ['CN=Loop B,OU=IT,DC=example,DC=org'],
        },
        {
          dn: 'CN=Loop B,OU=IT,DC=example,DC=org',
          displayName: 'Loop B',
          members: ['CN=Loop A,OU=IT,DC=example,DC=org'],
        },
      ],
    };
    expect(
      isGroupMember(
        directory,
        'CN=ITChatMembers,OU=IT,DC=example,DC=org',
        'CN=Ana Silva,OU=IT,DC=example,DC=org',
      ),
    ).toBe(true);
    expect(
      isGroupMember(cyclic, 'CN=Loop A,OU=IT,DC=example,DC=org', 'CN=Ana Silva,OU=IT,DC=example,DC=org'),
    ).toBe(false);
  });
});

describe('room membership (R7, R10)', () => {
  const it_ = byName(state.categories, 'IT');
  it('inherits the category scope when Members is empty', () => {
    const lisbon = byName(state.rooms, 'LisbonRoom');
    expect(isEffectiveMember(directory, it_, lisbon, FAY)).toBe(true);
    expect(withinMembers(directory, [], CARL)).toBe(true);
  });

  it('limits membership to the Members list when it has entries', () => {
    const itRoom = byName(state.rooms, 'ItRoom');
    expect(isEffectiveMember(directory, it_, itRoom, ANA)).toBe(true);
    expect(isEffectiveMember(directory, it_, itRoom, FAY)).toBe(false);
    expect(isManager(directory, it_, itRoom, ANA)).toBe(true);
    expect(isManager(directory, it_, itRoom, BEN)).toBe(false);
  });
});

describe('room access (R11-R13, R16)', () => {
  const view = (room: string) => {
    const r = byName(state.rooms, room);
    return {state, room: r, category: state.categories.find((c) => c.id === r.categoryId)!};
  };

  it.each([
    ['EmeaRoom', FAY, true, true, true],
    ['ItRoom', FAY, true, false, false],
    ['ItRoom', BEN, true, true, true],
    ['HelpRoom', ANA, false, false, false],
    ['HelpRoom', BEN, true, true, true],
    ['ProjectsRoom', ANA, false, false, false],
  ])('in %s, %s can find %s, take part %s, post %s', (room, sip, find, part, post) => {
    expect(canFindRoom(view(room), sip)).toBe(find);
    expect(canTakePart(view(room), sip)).toBe(part);
    expect(canPost(view(room), sip)).toBe(post);
  });

  it('lets only presenters post in an auditorium', () => {
    const base = view('EmeaRoom');
    const auditorium = {...base, room: {...base.room, type: 'Auditorium' as const, presenters: [ANA]}};
    expect(canPost(auditorium, ANA)).toBe(true);
    expect(canTakePart(auditorium, BEN)).toBe(true);
    expect(canPost(auditorium, BEN)).toBe(false);
  });

  it('hides a disabled room from everybody', () => {
    const base = view('EmeaRoom');
    expect(canFindRoom({...base, room: {...base.room, disabled: true}}, ANA)).toBe(false);
  });

  it('sends invitations only when the category allows them and the room inherits', () => {
    const base = view('ItRoom');
    expect(invitationsEffective(base.category, base.room)).toBe(true);
    expect(invitationsEffective(base.category, {...base.room, invitations: 'False'})).toBe(false);
    expect(invitationsEffective({...base.category, invitations: false}, base.room)).toBe(false);
  });
});
