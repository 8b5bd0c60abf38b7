import {describe, expect, it} from 'vitest';
import {newRoom, removeRoom, chatRoomUri, findRoomByUriOrIdentity} from '../../src/domain/rooms.js';
import {setRoom, type SetRoomInput} from '../../src/domain/room-set.js';
import {setCategory} from '../../src/domain/categories.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {ChatState} from '../../src/domain/types.js';
import {
  ANA,
  BEN,
  byName,
  CARL,
  CHAT_SUPPORT,
  contentState,
  DORA,
  FAY,
  OU_IT,
  POOL,
  POOL2,
  USERS,
} from '../helpers/content-fixture.js';

const errorOf = (f: () => unknown): CmdletError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

const set = (state: ChatState, input: Omit<SetRoomInput, 'rev'>) => setRoom(state, {rev: 9, ...input});

/** Projects after the Set-CsPersistentChatCategory example: Carl and the Users container, minus Dora. */
const projectsOpen = (): ChatState =>
  setCategory(contentState(), {
    identity: 'Projects',
    allowedMembers: {add: [CARL, USERS]},
    deniedMembers: {add: [DORA]},
    rev: 2,
  }).state;

describe('newRoom', () => {
  it('creates a Normal, Closed, Inherit, enabled room with empty lists', () => {
    const {output} = newRoom(contentState(), {
      name: 'NewRoom',
      category: 'IT',
      poolFqdn: POOL,
      id: 'r1',
      rev: 3,
    });
    expect(output).toMatchObject({
      name: 'NewRoom',
      categoryId: 'cat-it',
      type: 'Normal',
      privacy: 'Closed',
      invitations: 'Inherit',
      disabled: false,
      addinId: null,
      members: [],
      rev: 3,
    });
  });

  it('attaches an add-in and takes enum values in any case', () => {
    const {output} = newRoom(contentState(), {
      name: 'AllHands',
      category: 'IT',
      type: 'auditorium',
      privacy: 'OPEN',
      addin: 'ItDashboard',
      id: 'r1',
      rev: 3,
    });
    expect(output).toMatchObject({type: 'Auditorium', privacy: 'Open', addinId: 'addin-itdash'});
  });

  it.each([
    [{name: 'IT', category: 'IT'}, 'NameConflict'],
    [{name: 'ItRoom', category: 'IT'}, 'DuplicateName'],
    [{name: 'X', category: 'Nope'}, 'CategoryNotFound'],
    [{name: 'X', category: 'IT', addin: 'Nope'}, 'AddinNotFound'],
    [{name: 'X', category: 'IT', type: 'Huge'}, 'InvalidValue'],
    [{name: 'X', category: `${POOL2}\\IT`, poolFqdn: POOL}, 'CategoryNotFound'],
  ])('refuses %j with %s', (input, errorId) => {
    expect(errorOf(() => newRoom(contentState(), {id: 'r', rev: 2, ...input})).errorId).toBe(errorId);
  });

  it('resolves the pool from the category name or identity when there are two pools', () => {
    const two = contentState({twoPools: true});
    expect(newRoom(two, {name: 'R', category: 'ITChat', id: 'r', rev: 2}).output.poolFqdn).toBe(POOL);
    expect(newRoom(two, {name: 'R', category: `${POOL}\\ITChat`, id: 'r', rev: 2}).output.poolFqdn).toBe(
      POOL,
    );
  });

  it('reports a category in another pool as CrossPoolReference', () => {
    const two = contentState({twoPools: true});
    const withCat = {
      ...two,
      categories: [
        ...two.categories,
        {...byName(two.categories, 'Sandbox'), id: 'c2', poolFqdn: POOL2, name: 'Far'},
      ],
    };
    expect(
      errorOf(() => newRoom(withCat, {name: 'R', category: 'Far', poolFqdn: POOL, id: 'r', rev: 2})).errorId,
    ).toBe('CrossPoolReference');
    expect(
      errorOf(() => newRoom(withCat, {name: 'R', category: `${POOL2}\\Far`, poolFqdn: POOL, id: 'r', rev: 2}))
        .errorId,
    ).toBe('CrossPoolReference');
  });
});

describe('setRoom', () => {
  it('adds members, presenters and managers to the auditorium (3.3 example 2)', () => {
    let state = projectsOpen();
    state = set(state, {identity: 'ProjectsRoom', members: {add: [CARL, USERS]}}).state;
    state = set(state, {identity: 'ProjectsRoom', presenters: {add: [CARL]}}).state;
    state = set(state, {identity: 'ProjectsRoom', managers: {add: [FAY]}}).state;
    expect(byName(state.rooms, 'ProjectsRoom')).toMatchObject({
      members: [CARL, USERS],
      presenters: [CARL],
      managers: [FAY],
      rev: 9,
    });
  });

  it.each([
    ['a denied manager (3.3 example 3)', {managers: {add: [DORA]}}, 'PrincipalNotInScope', 'Managers'],
    ['a member outside the category', {members: {add: [ANA]}}, 'PrincipalNotInScope', 'Members'],
    [
      'a presenter who is not a member',
      {members: {add: [CARL]}, presenters: {add: [FAY]}},
      'PresenterNotAllowed',
      'Presenters',
    ],
    [
      'presenters on a room turned Normal',
      {type: 'Normal', presenters: {add: [CARL]}},
      'PresenterNotAllowed',
      'Presenters',
    ],
    [
      'a malformed principal',
      {members: {add: ['CN=ChatSupportGroup.OU=IT,DC=example,DC=org']}},
      'InvalidPrincipal',
      'Members',
    ],
  ])('refuses %s atomically', (_t, input, errorId, parameter) => {
    const before = projectsOpen();
    expect(errorOf(() => set(before, {identity: 'ProjectsRoom', name: 'Renamed', ...input}))).toMatchObject({
      errorId,
      parameter,
    });
  });

  it('refuses presenters on a Normal room (R9)', () => {
    expect(errorOf(() => set(contentState(), {identity: 'ItRoom', presenters: {add: [ANA]}})).errorId).toBe(
      'PresenterNotAllowed',
    );
  });

  it('clears presenters with a warning when an auditorium becomes Normal', () => {
    let state = projectsOpen();
    state = set(state, {identity: 'ProjectsRoom', presenters: {add: [CARL]}}).state;
    const result = set(state, {identity: 'ProjectsRoom', type: 'Normal'});
    expect(byName(result.state.rooms, 'ProjectsRoom').presenters).toEqual([]);
    expect(result.warnings.map((w) => w.warningId)).toEqual(['PresentersCleared']);
  });

  it('drops presenters left outside a changed Members list, with a warning (R10)', () => {
    let state = projectsOpen();
    state = set(state, {
      identity: 'ProjectsRoom',
      members: {add: [CARL, FAY]},
      presenters: {add: [CARL, FAY]},
    }).state;
    const result = set(state, {identity: 'ProjectsRoom', members: {remove: [FAY]}});
    expect(byName(result.state.rooms, 'ProjectsRoom').presenters).toEqual([CARL]);
    expect(result.warnings.map((w) => w.warningId)).toEqual(['PresentersRemoved']);
  });

  it('purges principals the new category does not allow when a room moves (R17)', () => {
    const result = set(contentState(), {identity: 'ItRoom', category: 'ITChat'});
    expect(byName(result.state.rooms, 'ItRoom')).toMatchObject({
      categoryId: 'cat-itchat',
      members: [ANA, BEN],
      managers: [ANA],
    });
    const moved = set(contentState(), {identity: 'ItRoom', category: 'Projects'});
    expect(byName(moved.state.rooms, 'ItRoom')).toMatchObject({members: [], managers: []});
    expect(moved.warnings).toEqual([
      expect.objectContaining({warningId: 'PrincipalsPurged', target: `${POOL}\\ItRoom`}),
    ]);
  });

  it('refuses entries added in the same command as a move when the new category does not allow them', () => {
    expect(
      errorOf(() => set(contentState(), {identity: 'ItRoom', category: 'ITChat', members: {add: [CARL]}}))
        .errorId,
    ).toBe('PrincipalNotInScope');
  });

  it('keeps entries that a later category change put out of scope (R6)', () => {
    const narrowed = setCategory(contentState(), {
      identity: 'IT',
      allowedMembers: {replace: [USERS]},
      rev: 2,
    }).state;
    const result = set(narrowed, {identity: 'ItRoom', description: 'still here'});
    expect(byName(result.state.rooms, 'ItRoom').members).toEqual([ANA, BEN]);
  });

  it.each([
    [{category: `${POOL2}\\IT`}, 'CategoryNotFound'],
    [{addin: 'Nope'}, 'AddinNotFound'],
    [{name: 'EmeaRoom'}, 'DuplicateName'],
    [{name: 'Projects'}, 'NameConflict'],
    [{privacy: 'Hidden'}, 'InvalidValue'],
  ])('refuses %j with %s', (input, errorId) => {
    expect(errorOf(() => set(contentState(), {identity: 'ItRoom', ...input})).errorId).toBe(errorId);
  });

  it('detaches the add-in with $Null or an empty string', () => {
    expect(
      byName(set(contentState(), {identity: 'HelpRoom', addin: null}).state.rooms, 'HelpRoom').addinId,
    ).toBeNull();
    expect(
      byName(set(contentState(), {identity: 'HelpRoom', addin: ''}).state.rooms, 'HelpRoom').addinId,
    ).toBeNull();
  });

  it('disables and re-enables a room without touching its lists (R16)', () => {
    const off = set(contentState(), {identity: 'pc1.dc1.example.org\\ItRoom', disabled: true}).state;
    expect(byName(off.rooms, 'ItRoom')).toMatchObject({disabled: true, members: [ANA, BEN]});
    const on = set(off, {identity: 'ItRoom', disabled: false}).state;
    expect(byName(on.rooms, 'ItRoom')).toMatchObject({disabled: false, members: [ANA, BEN], managers: [ANA]});
  });

  it('accepts groups inside an allowed OU as members (R3)', () => {
    const result = set(contentState(), {identity: 'HelpRoom', members: {add: [CHAT_SUPPORT]}});
    expect(byName(result.state.rooms, 'HelpRoom').members).toEqual([BEN, CHAT_SUPPORT]);
  });

  it('returns the same state when nothing changes', () => {
    const state = contentState();
    expect(set(state, {identity: 'ItRoom', members: {add: [ANA]}, privacy: 'Closed'}).state).toBe(state);
  });
});

describe('removeRoom', () => {
  it('removes the room and returns the effect that deletes its messages', () => {
    const {state, effects} = removeRoom(contentState(), {identity: 'pc1.dc1.example.org\\LisbonRoom'});
    expect(state.rooms.map((r) => r.name)).not.toContain('LisbonRoom');
    expect(effects).toEqual([expect.objectContaining({kind: 'rewriteMessages', roomIds: ['room-lisbon']})]);
  });
});

describe('room URIs', () => {
  it('builds ma-chan URIs and finds rooms by them', () => {
    const state = contentState();
    const uri = chatRoomUri(state, byName(state.rooms, 'ItRoom'));
    expect(uri).toBe('ma-chan://example.org/room-it');
    expect(findRoomByUriOrIdentity(state, uri, 'ChatRoomUri').name).toBe('ItRoom');
    expect(
      errorOf(() => findRoomByUriOrIdentity(state, 'ma-chan://example.org/none', 'ChatRoomUri')).errorId,
    ).toBe('RoomNotFound');
  });

  it('accepts the allowed OU itself as a member entry', () => {
    expect(
      byName(set(contentState(), {identity: 'HelpRoom', members: {add: [OU_IT]}}).state.rooms, 'HelpRoom')
        .members,
    ).toEqual([BEN, OU_IT]);
  });
});
