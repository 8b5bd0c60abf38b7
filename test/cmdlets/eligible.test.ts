import {describe, expect, it} from 'vitest';
import {eligiblePrincipals} from '../../src/domain/eligibility.js';
import {setRoom} from '../../src/domain/room-set.js';
import {setCategory} from '../../src/domain/categories.js';
import {
  ANA,
  BEN,
  byName,
  CARL,
  CHAT_SUPPORT,
  contentState,
  DORA,
  OU_IT,
  POOL,
  USERS,
} from '../helpers/content-fixture.js';
import {invoke} from '../helpers/content-invoke.js';

const values = (list: readonly {value: string}[]) => list.map((p) => p.value);

describe('eligiblePrincipals', () => {
  it('expands a category scope through OUs, groups and nested members', () => {
    const state = contentState();
    const found = eligiblePrincipals(state, {category: byName(state.categories, 'ITChat')});
    expect(values(found.filter((p) => p.kind === 'user'))).toEqual([ANA, BEN]);
    expect(values(found.filter((p) => p.kind !== 'user'))).toEqual([
      CHAT_SUPPORT,
      'CN=ITChatMembers,OU=IT,DC=example,DC=org',
      OU_IT,
    ]);
  });

  it('drops denied principals', () => {
    const state = setCategory(contentState(), {
      identity: 'Projects',
      allowedMembers: {add: [CARL, USERS]},
      deniedMembers: {add: [DORA]},
      rev: 2,
    }).state;
    const users = eligiblePrincipals(state, {category: byName(state.categories, 'Projects')}).filter(
      (p) => p.kind === 'user',
    );
    expect(values(users)).toEqual([CARL, 'sip:fay@example.org']);
  });

  it('lists a room by its own members, inside the category', () => {
    const state = contentState();
    expect(values(eligiblePrincipals(state, {room: byName(state.rooms, 'ItRoom')}))).toEqual([ANA, BEN]);
    const lisbon = eligiblePrincipals(state, {room: byName(state.rooms, 'LisbonRoom')});
    expect(lisbon.length).toBe(eligiblePrincipals(state, {category: byName(state.categories, 'IT')}).length);
  });

  it('refuses presenters for a Normal room and for a category', () => {
    const state = contentState();
    expect(() => eligiblePrincipals(state, {room: byName(state.rooms, 'ItRoom'), presenters: true})).toThrow(
      expect.objectContaining({errorId: 'InvalidValue'}),
    );
    expect(() =>
      eligiblePrincipals(state, {category: byName(state.categories, 'IT'), presenters: true}),
    ).toThrow(expect.objectContaining({errorId: 'ParameterConflict'}));
  });

  it('offers exactly what a room edit accepts', () => {
    const state = contentState();
    const room = byName(state.rooms, 'HelpRoom');
    const category = byName(state.categories, 'ITChat');
    const offered = new Set(values(eligiblePrincipals(state, {category})));
    const universe = [
      ...state.directory.users.map((u) => u.sipAddress!),
      ...state.directory.groups.map((g) => g.dn),
      ...state.directory.organizationalUnits,
      ...state.directory.containers,
      'DC=example,DC=org',
    ];
    for (const value of universe) {
      let accepted = true;
      try {
        setRoom(state, {identity: room.name, members: {add: [value]}, rev: 2});
      } catch {
        accepted = false;
      }
      expect([value, accepted]).toEqual([
        value,
        offered.has(value.toLowerCase().startsWith('sip:') ? value.toLowerCase() : value),
      ]);
    }
  });
});

describe('Get-CsPersistentChatEligiblePrincipal', () => {
  it('writes principal objects for a category', () => {
    const {output, errors} = invoke(contentState(), 'Get-CsPersistentChatEligiblePrincipal', {
      PersistentChatPoolFqdn: POOL,
      Category: 'ITChat',
    });
    expect(errors).toEqual([]);
    expect(output[0]).toEqual({
      Identity: 'CN=Ana Silva,OU=IT,DC=example,DC=org',
      PersistentChatPrincipalType: 'user',
      SipAddress: 'sip:ana@example.org',
      DisplayName: 'Ana Silva',
      DistinguishedName: 'CN=Ana Silva,OU=IT,DC=example,DC=org',
    });
  });

  it.each([
    [{Category: 'ITChat', Filter: '*ben*'}, ['sip:ben@example.org']],
    [{Category: 'ITChat', Filter: 'ana'}, ['sip:ana@example.org']],
    [{Category: 'ITChat', ResultSize: 1}, ['sip:ana@example.org']],
    [{Category: 'ITChat', ResultSize: 0}, []],
    [{Room: 'HelpRoom'}, ['sip:ben@example.org']],
  ])('selects with %j', (args, sips) => {
    expect(
      invoke(contentState(), 'Get-CsPersistentChatEligiblePrincipal', args).output.map(
        (o) => o['SipAddress'],
      ),
    ).toEqual(sips);
  });

  it.each([
    [{Category: 'Nope'}, 'CategoryNotFound'],
    [{Room: 'Nope'}, 'RoomNotFound'],
    [{Category: 'IT', Room: 'ItRoom'}, 'ParameterConflict'],
    [{}, 'ParameterConflict'],
    [{Room: 'ItRoom', Presenters: true}, 'InvalidValue'],
    [{Category: 'IT', PersistentChatPoolFqdn: 'x.example.org'}, 'PoolNotFound'],
  ])('fails %j with %s', (args, errorId) => {
    expect(
      invoke(contentState(), 'Get-CsPersistentChatEligiblePrincipal', args).errors.map((e) => e.errorId),
    ).toEqual([errorId]);
  });

  it('lists the non-user presenters of an auditorium (the documented example, on TownHall)', () => {
    const {output} = invoke(contentState({townHall: true}), 'Get-CsPersistentChatEligiblePrincipal', {
      Room: 'TownHall',
      Presenters: true,
    });
    expect(
      output
        .filter((o) => o['PersistentChatPrincipalType'] !== 'user')
        .map((o) => o['PersistentChatPrincipalType']),
    ).toContain('domain');
  });
});
