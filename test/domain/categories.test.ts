import {describe, expect, it} from 'vitest';
import {
  getCategories,
  newCategory,
  removeCategory,
  setCategory,
  type SetCategoryInput,
} from '../../src/domain/categories.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {ChatState} from '../../src/domain/types.js';
import {
  CARL,
  contentState,
  DOMAIN,
  DORA,
  EVE,
  OU_IT,
  POOL,
  POOL2,
  USERS,
  byName,
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

const set = (state: ChatState, input: Omit<SetCategoryInput, 'rev'>) =>
  setCategory(state, {rev: 9, ...input});

describe('getCategories', () => {
  it('lists every category in pool and name order', () => {
    expect(getCategories(contentState(), {}).map((c) => c.name)).toEqual([
      'HelpDesk',
      'IT',
      'ITChat',
      'Projects',
      'Sandbox',
    ]);
  });

  it.each([
    [{identity: 'pc1.dc1.example.org\\helpdesk'}, ['HelpDesk']],
    [{identity: 'Projects'}, ['Projects']],
    [{poolFqdn: POOL}, ['HelpDesk', 'IT', 'ITChat', 'Projects', 'Sandbox']],
  ])('selects with %j', (input, names) => {
    expect(getCategories(contentState(), input).map((c) => c.name)).toEqual(names);
  });

  it.each([
    [{identity: 'Nope'}, 'CategoryNotFound'],
    [{poolFqdn: 'pc9.example.org'}, 'PoolNotFound'],
    [{identity: 'IT', poolFqdn: POOL}, 'ParameterConflict'],
  ])('fails %j with %s', (input, errorId) => {
    expect(errorOf(() => getCategories(contentState(), input)).errorId).toBe(errorId);
  });

  it('reports a short identity found in two pools as AmbiguousIdentity', () => {
    const two = contentState({twoPools: true});
    const {state} = newCategory(two, {name: 'IT', poolFqdn: POOL2, id: 'x', rev: 2});
    expect(errorOf(() => getCategories(state, {identity: 'IT'})).errorId).toBe('AmbiguousIdentity');
    expect(getCategories(state, {identity: `${POOL2}\\it`})[0]?.poolFqdn).toBe(POOL2);
  });
});

describe('newCategory', () => {
  it('creates an empty category with the documented defaults', () => {
    const {state, output} = newCategory(contentState(), {
      name: 'Announcements',
      removeChatHistory: true,
      enableInvitations: true,
      id: 'cat-new',
      rev: 7,
    });
    expect(output).toMatchObject({
      name: 'Announcements',
      poolFqdn: POOL,
      chatHistory: false,
      invitations: true,
      fileUpload: false,
      allowedMembers: [],
      rev: 7,
    });
    expect(state.categories).toHaveLength(6);
  });

  it.each([
    [{name: 'HelpDesk'}, 'DuplicateName'],
    [{name: 'helpdesk'}, 'DuplicateName'],
    [{name: 'ItRoom'}, 'NameConflict'],
    [{name: '  '}, 'InvalidName'],
    [{name: 'a\\b'}, 'InvalidName'],
    [{name: 'x'.repeat(257)}, 'InvalidName'],
    [{name: 'Bad\u202eName'}, 'InvalidName'],
    [{name: 'Ok', description: 'x'.repeat(1025)}, 'InvalidValue'],
    [{name: 'Ok', poolFqdn: 'nowhere.example.org'}, 'PoolNotFound'],
  ])('refuses %j with %s and leaves the state alone', (input, errorId) => {
    const before = contentState();
    expect(errorOf(() => newCategory(before, {id: 'x', rev: 2, ...input})).errorId).toBe(errorId);
  });

  it('asks for the pool when there are several', () => {
    expect(
      errorOf(() => newCategory(contentState({twoPools: true}), {name: 'New', id: 'x', rev: 2})).errorId,
    ).toBe('PoolRequired');
  });
});

describe('setCategory', () => {
  it('applies Replace, then Remove, then Add', () => {
    const {output} = set(contentState(), {
      identity: 'Projects',
      allowedMembers: {replace: [OU_IT, USERS], remove: [OU_IT], add: [CARL, 'carl@example.org']},
    });
    expect(output.allowedMembers).toEqual([USERS, CARL]);
  });

  it('sets Allowed, Denied and Creators together, checking creators against the new lists (R5)', () => {
    const {output} = set(contentState(), {
      identity: 'Projects',
      allowedMembers: {add: [USERS]},
      deniedMembers: {add: [DORA]},
      creators: {add: [CARL]},
    });
    expect(output).toMatchObject({allowedMembers: [USERS], deniedMembers: [DORA], creators: [CARL]});
    const denied = errorOf(() =>
      set(contentState(), {
        identity: 'Projects',
        allowedMembers: {add: [USERS]},
        deniedMembers: {add: [DORA]},
        creators: {add: [DORA]},
      }),
    );
    expect(denied).toMatchObject({errorId: 'PrincipalNotInScope', parameter: 'Creators'});
  });

  it('refuses a creator the category does not allow, atomically (2.3 example 3)', () => {
    const before = contentState();
    expect(errorOf(() => set(before, {identity: 'Projects', creators: {add: [EVE]}})).errorId).toBe(
      'PrincipalNotInScope',
    );
  });

  it('keeps creators that later fall out of scope (R6)', () => {
    const {output} = set(contentState(), {
      identity: 'IT',
      allowedMembers: {replace: ['OU=Groups,DC=example,DC=org']},
    });
    expect(output.creators).toEqual([OU_IT]);
  });

  it('returns the same state when nothing changes', () => {
    const state = contentState();
    expect(set(state, {identity: 'IT', fileUpload: true, allowedMembers: {add: [DOMAIN]}}).state).toBe(state);
  });

  it('renames, clears the description and flips flags, bumping rev', () => {
    const {output, state} = set(contentState(), {
      identity: 'pc1.dc1.example.org\\helpdesk',
      name: 'Support',
      description: null,
      fileUpload: false,
      invitations: true,
      chatHistory: false,
    });
    expect(output).toMatchObject({
      name: 'Support',
      description: null,
      fileUpload: false,
      invitations: true,
      chatHistory: false,
      rev: 9,
    });
    expect(byName(state.categories, 'Support').id).toBe('cat-helpdesk');
  });

  it.each([
    [{name: 'LisbonRoom'}, 'NameConflict'],
    [{name: 'ITChat'}, 'DuplicateName'],
    [{allowedMembers: {add: ['CN=ChatSupportGroup.OU=IT,DC=example,DC=org']}}, 'InvalidPrincipal'],
  ])('refuses %j with %s', (input, errorId) => {
    expect(errorOf(() => set(contentState(), {identity: 'IT', ...input})).errorId).toBe(errorId);
  });

  it('empties a list with $Null', () => {
    expect(set(contentState(), {identity: 'IT', allowedMembers: null}).output.allowedMembers).toEqual([]);
  });
});

describe('removeCategory', () => {
  it('removes an empty category', () => {
    const {state} = removeCategory(contentState(), {identity: 'pc1.dc1.example.org\\helpdesk'});
    expect(state.categories.map((c) => c.name)).not.toContain('HelpDesk');
  });

  it('refuses a category that still holds rooms, even disabled ones', () => {
    const state = contentState();
    const disabled = {...state, rooms: state.rooms.map((r) => ({...r, disabled: true}))};
    expect(errorOf(() => removeCategory(disabled, {identity: 'pc1.dc1.example.org\\IT'})).errorId).toBe(
      'CategoryNotEmpty',
    );
  });
});
