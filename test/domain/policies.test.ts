import {describe, expect, it} from 'vitest';
import {
  assignedUsers,
  effectivePolicy,
  getPolicies,
  listPolicies,
  newPolicy,
  removePolicy,
  resolveEffectivePolicy,
  setPolicy,
  usersUnderPolicy,
} from '../../src/domain/policies.js';
import {grantPolicy, grantablePolicyName} from '../../src/domain/policy-assignment.js';
import {
  ALEX,
  CASEY,
  fixtureState,
  JORDAN,
  SAM,
  TERRY,
  withAssignments,
  withPolicies,
} from './directory-fixture.js';
import type {ChatState, DirectoryUser} from '../../src/domain/types.js';

const base = fixtureState();
const identities = (state: ChatState): string[] => listPolicies(state).map((p) => p.identity);
const userNamed = (state: ChatState, name: string): DirectoryUser => {
  const user = state.directory.users.find((u) => u.displayName === name);
  if (!user) throw new Error(`no ${name}`);
  return user;
};

describe('newPolicy', () => {
  it.each([
    ['DC1PersistentChatPolicy', 'Tag:DC1PersistentChatPolicy'],
    ['tag:DC1Users', 'Tag:DC1Users'],
    ['site:DC1', 'Site:DC1'],
    ['SITE:dc1', 'Site:DC1'],
  ])('creates %j as %s with the documented defaults', (identity, canonical) => {
    const {state, output} = newPolicy(base, {identity, rev: 2});
    expect(output).toEqual({identity: canonical, description: null, enablePersistentChat: false, rev: 2});
    expect(identities(state)).toEqual(['Global', canonical]);
  });

  it('takes EnablePersistentChat and Description', () => {
    const {output} = newPolicy(base, {
      identity: 'DC1PersistentChatPolicy',
      enablePersistentChat: true,
      description: 'DC1 users',
      rev: 2,
    });
    expect(output).toMatchObject({enablePersistentChat: true, description: 'DC1 users'});
  });

  it.each([
    ['global', 'GlobalNotCreatable'],
    ['service:PersistentChatServer:pc1.dc1.example.org', 'InvalidScope'],
    ['service:pc1.dc1.example.org', 'InvalidScope'],
    ['user:x', 'InvalidScope'],
    ['site:Nowhere', 'SiteNotFound'],
    ['site:', 'InvalidValue'],
    ['', 'InvalidValue'],
    ['bad\u001bname', 'InvalidValue'],
  ])('refuses %j with %s', (identity, errorId) => {
    expect(() => newPolicy(base, {identity, rev: 2})).toThrow(
      expect.objectContaining({errorId, parameter: 'Identity'}),
    );
  });

  it.each(['DC1PersistentChatPolicy', 'dc1persistentchatpolicy', 'tag:DC1PERSISTENTCHATPOLICY'])(
    'refuses a second %j with AlreadyExists',
    (identity) => {
      const once = newPolicy(base, {identity: 'DC1PersistentChatPolicy', rev: 2}).state;
      expect(() => newPolicy(once, {identity, rev: 3})).toThrow(
        expect.objectContaining({errorId: 'AlreadyExists'}),
      );
    },
  );
});

describe('getPolicies', () => {
  const state = withPolicies(
    base,
    ['Site:DC1', true],
    ['Tag:DC1PersistentChatPolicy', true],
    ['Tag:RedmondPolicy', false],
  );

  it.each([
    [{}, ['Global', 'Site:DC1', 'Tag:DC1PersistentChatPolicy', 'Tag:RedmondPolicy']],
    [{identity: 'DC1PersistentChatPolicy'}, ['Tag:DC1PersistentChatPolicy']],
    [{identity: 'tag:dc1persistentchatpolicy'}, ['Tag:DC1PersistentChatPolicy']],
    [{identity: 'site:dc1'}, ['Site:DC1']],
    [{identity: 'GLOBAL'}, ['Global']],
    [{filter: 'site:*'}, ['Site:DC1']],
    [{filter: 'tag:*'}, ['Tag:DC1PersistentChatPolicy', 'Tag:RedmondPolicy']],
    [{filter: '*DC1*'}, ['Site:DC1', 'Tag:DC1PersistentChatPolicy']],
    [{filter: 'nothing*'}, []],
  ])('selects with %j', (input, expected) => {
    expect(getPolicies(state, input).map((p) => p.identity)).toEqual(expected);
  });

  it('lists Global even when the state holds no record of it', () => {
    expect(identities({...base, policies: []})).toEqual(['Global']);
  });

  it.each([
    [{identity: 'Nope'}, 'PolicyNotFound'],
    [{identity: 'site:DC2'}, 'PolicyNotFound'],
    [{identity: 'service:pc1.dc1.example.org'}, 'InvalidScope'],
    [{identity: 'Global', filter: '*'}, 'ParameterConflict'],
  ])('fails for %j with %s', (input, errorId) => {
    expect(() => getPolicies(state, input)).toThrow(expect.objectContaining({errorId}));
  });
});

describe('setPolicy', () => {
  const state = withPolicies(base, ['Tag:DC1PersistentChatPolicy', false]);

  it('changes Global when no identity is given', () => {
    const {state: next, output} = setPolicy(state, {enablePersistentChat: true, rev: 5});
    expect(output).toEqual({identity: 'Global', description: null, enablePersistentChat: true, rev: 5});
    expect(listPolicies(next)[0]).toBe(output);
  });

  it('updates only the given properties and clears a description with null', () => {
    const described = setPolicy(state, {
      identity: 'DC1PersistentChatPolicy',
      description: 'for DC1',
      rev: 3,
    }).state;
    const {output} = setPolicy(described, {
      identity: 'DC1PersistentChatPolicy',
      enablePersistentChat: true,
      rev: 4,
    });
    expect(output).toEqual({
      identity: 'Tag:DC1PersistentChatPolicy',
      description: 'for DC1',
      enablePersistentChat: true,
      rev: 4,
    });
    expect(
      setPolicy(described, {identity: 'DC1PersistentChatPolicy', description: null, rev: 5}).output
        .description,
    ).toBeNull();
  });

  it('returns the same state when nothing changes', () => {
    expect(
      setPolicy(state, {identity: 'DC1PersistentChatPolicy', enablePersistentChat: false, rev: 9}).state,
    ).toBe(state);
    expect(setPolicy(state, {rev: 9}).state).toBe(state);
  });

  it('creates the Global record when the state had none', () => {
    const next = setPolicy(
      {...base, policies: []},
      {identity: 'global', enablePersistentChat: true, rev: 2},
    ).state;
    expect(next.policies).toEqual([
      {identity: 'Global', description: null, enablePersistentChat: true, rev: 2},
    ]);
  });

  it('creates a policy that does not exist yet only when asked to (an unsaved -Instance)', () => {
    const {state: next, output} = setPolicy(state, {
      identity: 'Draft',
      enablePersistentChat: true,
      createIfMissing: true,
      rev: 6,
    });
    expect(output).toEqual({identity: 'Tag:Draft', description: null, enablePersistentChat: true, rev: 6});
    expect(identities(next)).toContain('Tag:Draft');
    expect(
      setPolicy(next, {identity: 'Draft', enablePersistentChat: true, createIfMissing: true, rev: 7}).state,
    ).toBe(next);
  });

  it('fails with PolicyNotFound for an unknown policy', () => {
    expect(() => setPolicy(state, {identity: 'Nope', rev: 2})).toThrow(
      expect.objectContaining({errorId: 'PolicyNotFound'}),
    );
  });
});

describe('removePolicy', () => {
  const state = withAssignments(
    withPolicies(base, ['Site:DC1', true], ['Tag:DC1UsersPersistentChatPolicy', true]),
    {
      'Jordan Lee': 'DC1UsersPersistentChatPolicy',
      'Alex Smith': 'dc1userspersistentchatpolicy',
    },
  );

  it('deletes a site policy', () => {
    const {state: next, output} = removePolicy(state, {identity: 'site:DC1', rev: 3});
    expect(identities(next)).toEqual(['Global', 'Tag:DC1UsersPersistentChatPolicy']);
    expect(output).toMatchObject({reset: false, clearedUsers: []});
    expect(next.directory).toBe(state.directory);
  });

  it('deletes a per-user policy and clears the assignment of every user holding it', () => {
    expect(
      assignedUsers(state, {identity: 'Tag:DC1UsersPersistentChatPolicy'}).map((u) => u.displayName),
    ).toEqual(['Jordan Lee', 'Alex Smith']);
    const {state: next, output} = removePolicy(state, {identity: 'DC1UsersPersistentChatPolicy', rev: 3});
    expect(output.clearedUsers.map((u) => u.displayName)).toEqual(['Jordan Lee', 'Alex Smith']);
    expect(next.directory.users.every((u) => u.persistentChatPolicy === null)).toBe(true);
    expect(identities(next)).toEqual(['Global', 'Site:DC1']);
  });

  it('resets Global to its defaults instead of deleting it', () => {
    const changed = setPolicy(state, {enablePersistentChat: true, description: 'on', rev: 3}).state;
    const {state: next, output} = removePolicy(changed, {identity: 'Global', rev: 4});
    expect(output.reset).toBe(true);
    expect(listPolicies(next)[0]).toEqual({
      identity: 'Global',
      description: null,
      enablePersistentChat: false,
      rev: 4,
    });
    expect(removePolicy(next, {identity: 'global', rev: 5}).state).toBe(next);
  });

  it('fails with PolicyNotFound for an unknown policy and leaves the state alone', () => {
    expect(() => removePolicy(state, {identity: 'Nope', rev: 3})).toThrow(
      expect.objectContaining({errorId: 'PolicyNotFound'}),
    );
  });
});

describe('grantPolicy', () => {
  const state = withPolicies(base, ['Site:DC1', true], ['Tag:DC1UsersPersistentChatPolicy', true]);

  it.each([
    'Jordan Lee',
    'sip:jordan.lee@example.org',
    'jordan.lee@example.org',
    'EXAMPLE\\jordanlee',
    JORDAN.dn,
  ])('assigns the policy to the user named by %j', (identity) => {
    const {state: next, output} = grantPolicy(state, {identity, policyName: 'DC1UsersPersistentChatPolicy'});
    expect(userNamed(next, 'Jordan Lee').persistentChatPolicy).toBe('DC1UsersPersistentChatPolicy');
    expect(output.map((u) => u.persistentChatPolicy)).toEqual(['DC1UsersPersistentChatPolicy']);
  });

  it('strips a tag: prefix and stores the policy name as the policy spells it', () => {
    const next = grantPolicy(state, {
      identity: 'Jordan Lee',
      policyName: 'tag:dc1userspersistentchatpolicy',
    }).state;
    expect(userNamed(next, 'Jordan Lee').persistentChatPolicy).toBe('DC1UsersPersistentChatPolicy');
  });

  it('applies a wildcard identity to every matching user enabled for Lync', () => {
    const {state: next, output} = grantPolicy(state, {
      identity: '* Smith',
      policyName: 'DC1UsersPersistentChatPolicy',
    });
    expect(output.map((u) => u.displayName)).toEqual(['Casey Smith']);
    expect(userNamed(next, 'Alex Smith').persistentChatPolicy).toBeNull();
  });

  it('unassigns with a null policy name and returns the same state when nothing changes', () => {
    const granted = grantPolicy(state, {
      identity: 'Jordan Lee',
      policyName: 'DC1UsersPersistentChatPolicy',
    }).state;
    const cleared = grantPolicy(granted, {identity: 'Jordan Lee', policyName: null}).state;
    expect(userNamed(cleared, 'Jordan Lee').persistentChatPolicy).toBeNull();
    expect(grantPolicy(cleared, {identity: 'Jordan Lee', policyName: null}).state).toBe(cleared);
  });

  it.each([
    [{identity: 'Jordan Lee', policyName: 'Nope'}, 'PolicyNotFound', 'PolicyName'],
    [{identity: 'Jordan Lee', policyName: 'site:DC1'}, 'PolicyNotFound', 'PolicyName'],
    [{identity: 'Jordan Lee', policyName: 'Global'}, 'PolicyNotFound', 'PolicyName'],
    [{identity: 'Jordan Lee', policyName: ''}, 'PolicyNotFound', 'PolicyName'],
    [{identity: 'Nobody Here', policyName: 'DC1UsersPersistentChatPolicy'}, 'UserNotFound', 'Identity'],
    [{identity: 'Alex Smith', policyName: 'DC1UsersPersistentChatPolicy'}, 'InvalidValue', 'Identity'],
    [{identity: 'Terry Nolan', policyName: 'DC1UsersPersistentChatPolicy'}, 'InvalidValue', 'Identity'],
    [{identity: 'Terry Nolan', policyName: null}, 'InvalidValue', 'Identity'],
  ])('refuses %j with %s', (input, errorId, parameter) => {
    expect(() => grantPolicy(state, input)).toThrow(expect.objectContaining({errorId, parameter}));
  });

  it('checks the policy name before the users', () => {
    expect(() => grantPolicy(state, {identity: 'Nobody Here', policyName: 'Nope'})).toThrow(
      expect.objectContaining({errorId: 'PolicyNotFound'}),
    );
    expect(() => grantablePolicyName(state, 'tag:Global')).toThrow(
      expect.objectContaining({errorId: 'PolicyNotFound'}),
    );
  });
});

describe('effectivePolicy', () => {
  const policies = withPolicies(
    base,
    ['Site:DC1', true],
    ['Tag:DC1UsersPersistentChatPolicy', true],
    ['Tag:Quiet', false],
  );

  it.each([
    [
      'a per-user policy wins over the site',
      {'Jordan Lee': 'DC1UsersPersistentChatPolicy'},
      'Jordan Lee',
      'Tag:DC1UsersPersistentChatPolicy',
      'user',
    ],
    ['a disabling per-user policy wins too', {'Jordan Lee': 'Quiet'}, 'Jordan Lee', 'Tag:Quiet', 'user'],
    ['the site policy applies without an assignment', {}, 'Sam Rivera', 'Site:DC1', 'site'],
    ['global applies when the site has no policy', {}, 'Casey Smith', 'Global', 'global'],
    ['a user without a site falls back to global', {}, 'Terry Nolan', 'Global', 'global'],
    [
      'a dangling assignment falls back to the site',
      {'Sam Rivera': 'Removed'},
      'Sam Rivera',
      'Site:DC1',
      'site',
    ],
  ])('%s', (_title, assignments, name, identity, source) => {
    const state = withAssignments(policies, assignments);
    const user = userNamed(state, name);
    expect(effectivePolicy(state, user).identity).toBe(identity);
    expect(resolveEffectivePolicy(state, user).source).toBe(source);
  });

  it('lists who each policy governs, enabled users only', () => {
    const state = withAssignments(policies, {
      'Jordan Lee': 'DC1UsersPersistentChatPolicy',
      'Alex Smith': 'DC1UsersPersistentChatPolicy',
    });
    const under = (identity: string): string[] => usersUnderPolicy(state, identity).map((u) => u.displayName);
    expect(under('DC1UsersPersistentChatPolicy')).toEqual([JORDAN.displayName]);
    expect(under('site:DC1')).toEqual([SAM.displayName]);
    expect(under('Global')).toEqual([CASEY.displayName]);
    expect(under('Quiet')).toEqual([]);
    expect(under('Nope')).toEqual([]);
    expect(under('service:pc1.dc1.example.org')).toEqual([]);
    expect([ALEX, TERRY].every((u) => !under('Global').includes(u.displayName))).toBe(true);
  });
});
