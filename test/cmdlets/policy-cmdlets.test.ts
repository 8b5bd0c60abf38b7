import {describe, expect, it} from 'vitest';
import {runLines} from '../helpers/run-lines.js';
import {fixtureState, withAssignments, withPolicies} from '../domain/directory-fixture.js';
import {listPolicies} from '../../src/domain/policies.js';
import type {ChatState} from '../../src/domain/types.js';
import type {Asker} from '../../src/session.js';

const base = withPolicies(
  fixtureState(),
  ['Site:DC1', false],
  ['Tag:DC1PersistentChatPolicy', false],
  ['Tag:DC1UsersPersistentChatPolicy', true],
);
const policy = (identity: string, enable: boolean, description: string | null = null) => ({
  Identity: identity,
  Description: description,
  EnablePersistentChat: enable,
});
const policiesOf = (state: ChatState) => listPolicies(state).map((p) => [p.identity, p.enablePersistentChat]);
const policyOfUser = (state: ChatState, name: string) =>
  state.directory.users.find((u) => u.displayName === name)?.persistentChatPolicy;
const answer =
  (yes: boolean): Asker =>
  (prompts) =>
    Promise.resolve(new Map(prompts.map((p) => [p.id, yes])));

async function runOne(line: string, state: ChatState = base, options: Parameters<typeof runLines>[2] = {}) {
  const {runs, state: after} = await runLines(state, [line], options);
  const run = runs[0];
  if (!run) throw new Error('no run');
  return {run, state: after};
}

describe('policy cmdlets: the documented examples', () => {
  it.each([
    [
      'Get-CsPersistentChatPolicy',
      [
        policy('Global', false),
        policy('Site:DC1', false),
        policy('Tag:DC1PersistentChatPolicy', false),
        policy('Tag:DC1UsersPersistentChatPolicy', true),
      ],
    ],
    [
      'Get-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"',
      [policy('Tag:DC1PersistentChatPolicy', false)],
    ],
    ['Get-CsPersistentChatPolicy -Filter "site:*"', [policy('Site:DC1', false)]],
    [
      'Get-CsPersistentChatPolicy -Filter "tag:*" | Where-Object {$_.EnablePersistentChat -eq $True}',
      [policy('Tag:DC1UsersPersistentChatPolicy', true)],
    ],
  ])('%s', async (line, expected) => {
    const {run} = await runOne(line);
    expect(run.errors).toEqual([]);
    expect(run.output).toEqual(expected);
  });

  it.each([
    [
      'New-CsPersistentChatPolicy -Identity "RedmondPolicy" -EnablePersistentChat $True',
      [policy('Tag:RedmondPolicy', true)],
      ['Tag:RedmondPolicy', true],
    ],
    [
      'New-CsPersistentChatPolicy -Identity "site:DC2" -EnablePersistentChat $True',
      [policy('Site:DC2', true)],
      ['Site:DC2', true],
    ],
    [
      'New-CsPersistentChatPolicy "tag:Quiet" -Description "No chat"',
      [policy('Tag:Quiet', false, 'No chat')],
      ['Tag:Quiet', false],
    ],
  ])('%s creates and outputs the policy', async (line, output, entry) => {
    const {run, state} = await runOne(line);
    expect(run.errors).toEqual([]);
    expect(run.output).toEqual(output);
    expect(policiesOf(state)).toContainEqual(entry);
  });

  it('creates the documented examples on a state without them', async () => {
    const {runs, state} = await runLines(fixtureState(), [
      'New-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy" -EnablePersistentChat $True',
      'New-CsPersistentChatPolicy -Identity "site:DC1" -EnablePersistentChat $True',
    ]);
    expect(runs.map((r) => r.errors)).toEqual([[], []]);
    expect(policiesOf(state)).toEqual([
      ['Global', false],
      ['Tag:DC1PersistentChatPolicy', true],
      ['Site:DC1', true],
    ]);
  });

  it.each([
    [
      'Set-CsPersistentChatPolicy -Identity "global" -EnablePersistentChat $True',
      [
        ['Global', true],
        ['Site:DC1', false],
        ['Tag:DC1PersistentChatPolicy', false],
        ['Tag:DC1UsersPersistentChatPolicy', true],
      ],
    ],
    [
      'Set-CsPersistentChatPolicy -EnablePersistentChat $True',
      [
        ['Global', true],
        ['Site:DC1', false],
        ['Tag:DC1PersistentChatPolicy', false],
        ['Tag:DC1UsersPersistentChatPolicy', true],
      ],
    ],
    [
      'Get-CsPersistentChatPolicy | Set-CsPersistentChatPolicy -EnablePersistentChat $True',
      [
        ['Global', true],
        ['Site:DC1', true],
        ['Tag:DC1PersistentChatPolicy', true],
        ['Tag:DC1UsersPersistentChatPolicy', true],
      ],
    ],
    [
      'Remove-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"',
      [
        ['Global', false],
        ['Site:DC1', false],
        ['Tag:DC1UsersPersistentChatPolicy', true],
      ],
    ],
    [
      'Get-CsPersistentChatPolicy -Filter "site:*" | Remove-CsPersistentChatPolicy',
      [
        ['Global', false],
        ['Tag:DC1PersistentChatPolicy', false],
        ['Tag:DC1UsersPersistentChatPolicy', true],
      ],
    ],
  ])('%s', async (line, expected) => {
    const {run, state} = await runOne(line);
    expect(run.errors).toEqual([]);
    expect(run.output).toEqual([]);
    expect(policiesOf(state)).toEqual(expected);
  });

  it('Set changes only the given property and $Null clears the description', async () => {
    const {runs, state} = await runLines(base, [
      'Set-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy" -Description "For DC1"',
      'Set-CsPersistentChatPolicy "DC1PersistentChatPolicy" -EnablePersistentChat $True',
      'Get-CsPersistentChatPolicy DC1PersistentChatPolicy',
      'Set-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy" -Description $Null',
      'Get-CsPersistentChatPolicy -Identity DC1PersistentChatPolicy',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs[2]?.output).toEqual([policy('Tag:DC1PersistentChatPolicy', true, 'For DC1')]);
    expect(runs[4]?.output).toEqual([policy('Tag:DC1PersistentChatPolicy', true, null)]);
    expect(state.revision).toBe(base.revision + 3);
  });

  it('Remove on Global resets it instead of deleting it', async () => {
    const {runs, state} = await runLines(base, [
      'Set-CsPersistentChatPolicy -EnablePersistentChat $True -Description "on"',
      'Remove-CsPersistentChatPolicy -Identity "global"',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(listPolicies(state)[0]).toMatchObject({
      identity: 'Global',
      enablePersistentChat: false,
      description: null,
    });
  });

  it('New -InMemory builds the object without saving it', async () => {
    const {run, state} = await runOne('New-CsPersistentChatPolicy -Identity "Draft" -InMemory');
    expect(run.output).toEqual([policy('Tag:Draft', false)]);
    expect(run.committed).toBe(false);
    expect(state).toBe(base);
  });

  it('Set -Instance saves an object built with New -InMemory', async () => {
    const {runs, state} = await runLines(base, [
      '$p = New-CsPersistentChatPolicy -Identity "Draft" -InMemory',
      'Set-CsPersistentChatPolicy -Instance $p -EnablePersistentChat $True',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(policiesOf(state)).toContainEqual(['Tag:Draft', true]);
  });
});

describe('policy cmdlets: errors', () => {
  it.each([
    ['New-CsPersistentChatPolicy -Identity "global"', 'GlobalNotCreatable'],
    ['New-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"', 'AlreadyExists'],
    ['New-CsPersistentChatPolicy -Identity "site:DC1"', 'AlreadyExists'],
    [
      'New-CsPersistentChatPolicy -Identity "service:PersistentChatServer:pc1.dc1.example.org"',
      'InvalidScope',
    ],
    ['New-CsPersistentChatPolicy -Identity "site:Nowhere"', 'SiteNotFound'],
    ['New-CsPersistentChatPolicy -Identity "X" -Tenant "not-a-guid"', 'InvalidValue'],
    ['Get-CsPersistentChatPolicy -Identity "Nope"', 'PolicyNotFound'],
    ['Get-CsPersistentChatPolicy -Identity "global" -Filter "*"', 'ParameterConflict'],
    ['Set-CsPersistentChatPolicy -Identity "Nope" -EnablePersistentChat $True', 'PolicyNotFound'],
    ['Remove-CsPersistentChatPolicy -Identity "Nope"', 'PolicyNotFound'],
  ])('%s fails with %s and changes nothing', async (line, errorId) => {
    const {run, state} = await runOne(line);
    expect(run.errors.map((e) => e.errorId)).toEqual([errorId]);
    expect(state).toBe(base);
  });

  it('accepts a well-formed -Tenant and ignores it', async () => {
    const {run} = await runOne(
      'Get-CsPersistentChatPolicy -Identity global -Tenant "7a205197-8e59-487d-b9fa-3fc1b108f1e5"',
    );
    expect(run.errors).toEqual([]);
    expect(run.output).toHaveLength(1);
  });

  it('-WhatIf reports what would happen and writes nothing', async () => {
    const {run, state} = await runOne(
      'Remove-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy" -WhatIf',
    );
    expect(run.whatIf).toHaveLength(1);
    expect(run.whatIf[0]).toContain('Tag:DC1PersistentChatPolicy');
    expect(state).toBe(base);
  });
});

describe('Remove-CsPersistentChatPolicy on a per-user policy that users still hold', () => {
  const assigned = withAssignments(base, {
    'Jordan Lee': 'DC1UsersPersistentChatPolicy',
    'Casey Smith': 'DC1UsersPersistentChatPolicy',
  });
  const line = 'Remove-CsPersistentChatPolicy -Identity "DC1UsersPersistentChatPolicy"';

  it('fails with ConfirmationRequired when there is nobody to ask', async () => {
    const {run, state} = await runOne(line, assigned);
    expect(run.errors.map((e) => e.errorId)).toEqual(['ConfirmationRequired']);
    expect(state).toBe(assigned);
  });

  it('fails with PolicyInUse and changes nothing when the operator says no', async () => {
    const {run, state} = await runOne(line, assigned, {ask: answer(false)});
    expect(run.errors.map((e) => e.errorId)).toEqual(['PolicyInUse']);
    expect(state).toBe(assigned);
  });

  it.each([
    ['the operator says yes', line, {ask: answer(true)}],
    ['-Force is given', `${line} -Force`, {}],
    ['pchat exec --yes answers', line, {yes: true}],
  ])('removes it and clears both assignments when %s', async (_when, text, options) => {
    const {run, state} = await runOne(text, assigned, options);
    expect(run.errors).toEqual([]);
    expect(policiesOf(state).map(([identity]) => identity)).not.toContain('Tag:DC1UsersPersistentChatPolicy');
    expect([policyOfUser(state, 'Jordan Lee'), policyOfUser(state, 'Casey Smith')]).toEqual([null, null]);
    expect(run.warnings).toEqual([
      expect.objectContaining({
        warningId: 'PolicyAssignmentsCleared',
        message: expect.stringContaining('2 user(s)') as unknown,
      }),
    ]);
  });

  it('does not ask for a policy nobody holds', async () => {
    const {run} = await runOne('Remove-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"', assigned);
    expect(run.errors).toEqual([]);
    expect(run.prompts).toEqual([]);
  });
});

describe('Grant-CsPersistentChatPolicy', () => {
  it.each([
    'Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "DC1UsersPersistentChatPolicy"',
    'Grant-CsPersistentChatPolicy "sip:jordan.lee@example.org" "DC1UsersPersistentChatPolicy"',
    'Grant-CsPersistentChatPolicy -Identity "jordan.lee@example.org" -PolicyName "tag:DC1UsersPersistentChatPolicy"',
    'Grant-CsPersistentChatPolicy -Identity "example\\jordanlee" -PolicyName "dc1userspersistentchatpolicy"',
    'Grant-CsPersistentChatPolicy -Identity "CN=Jordan Lee,OU=DC1,DC=example,DC=org" -PolicyName "DC1UsersPersistentChatPolicy"',
    '"Jordan Lee" | Grant-CsPersistentChatPolicy -PolicyName "DC1UsersPersistentChatPolicy"',
    'Get-CsUser -Identity "Jordan Lee" | Grant-CsPersistentChatPolicy -PolicyName "DC1UsersPersistentChatPolicy"',
  ])('%s assigns the policy to Jordan Lee', async (line) => {
    const {run, state} = await runOne(line);
    expect(run.errors).toEqual([]);
    expect(run.output).toEqual([]);
    expect(policyOfUser(state, 'Jordan Lee')).toBe('DC1UsersPersistentChatPolicy');
  });

  it('unassigns everyone who holds a policy (the documented pipeline)', async () => {
    const assigned = withAssignments(base, {
      'Jordan Lee': 'DC1UsersPersistentChatPolicy',
      'Casey Smith': 'DC1UsersPersistentChatPolicy',
      'Sam Rivera': 'DC1PersistentChatPolicy',
    });
    const {run, state} = await runOne(
      'Get-CsUser -Filter {PersistentChatPolicy -eq "DC1UsersPersistentChatPolicy"} | Grant-CsPersistentChatPolicy -PolicyName $Null',
      assigned,
    );
    expect(run.errors).toEqual([]);
    expect(['Jordan Lee', 'Casey Smith', 'Sam Rivera'].map((n) => policyOfUser(state, n))).toEqual([
      null,
      null,
      'DC1PersistentChatPolicy',
    ]);
  });

  it('applies a wildcard display name to every matching enabled user and emits them with -PassThru', async () => {
    const {run, state} = await runOne(
      'Grant-CsPersistentChatPolicy -Identity "* Smith" -PolicyName "DC1PersistentChatPolicy" -PassThru',
    );
    expect(run.errors).toEqual([]);
    expect(run.output).toEqual([
      expect.objectContaining({
        Identity: 'CN=Casey Smith,OU=DC2,DC=example,DC=org',
        PersistentChatPolicy: 'DC1PersistentChatPolicy',
      }),
    ]);
    expect(policyOfUser(state, 'Alex Smith')).toBeNull();
  });

  it('keeps going after a failing piped identity', async () => {
    const {run, state} = await runOne(
      '"Nobody Here", "Sam Rivera" | Grant-CsPersistentChatPolicy -PolicyName "DC1PersistentChatPolicy"',
    );
    expect(run.errors.map((e) => e.errorId)).toEqual(['UserNotFound']);
    expect(policyOfUser(state, 'Sam Rivera')).toBe('DC1PersistentChatPolicy');
  });

  it.each([
    ['Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "Nope"', 'PolicyNotFound'],
    ['Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "site:DC1"', 'PolicyNotFound'],
    ['Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "Global"', 'PolicyNotFound'],
    [
      'Grant-CsPersistentChatPolicy -Identity "Nobody Here" -PolicyName "DC1PersistentChatPolicy"',
      'UserNotFound',
    ],
    [
      'Grant-CsPersistentChatPolicy -Identity "Alex Smith" -PolicyName "DC1PersistentChatPolicy"',
      'InvalidValue',
    ],
    [
      'Grant-CsPersistentChatPolicy -Identity "Terry Nolan" -PolicyName "DC1PersistentChatPolicy"',
      'InvalidValue',
    ],
  ])('%s fails with %s', async (line, errorId) => {
    const {run, state} = await runOne(line);
    expect(run.errors.map((e) => e.errorId)).toEqual([errorId]);
    expect(state).toBe(base);
  });
});

describe('policy cmdlets and roles', () => {
  const roles: ChatState = {
    ...base,
    operators: [
      {name: 'admin', roles: ['CsAdministrator']},
      {name: 'useradmin', roles: ['CsUserAdministrator']},
      {name: 'viewer', roles: ['CsViewOnlyAdministrator']},
    ],
  };

  it.each([
    [
      'useradmin',
      'Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "DC1PersistentChatPolicy"',
      [],
    ],
    ['useradmin', 'New-CsPersistentChatPolicy -Identity "Mine"', ['AccessDenied']],
    ['useradmin', 'Set-CsPersistentChatPolicy -EnablePersistentChat $True', ['AccessDenied']],
    ['viewer', 'Get-CsPersistentChatPolicy -Identity global', []],
    [
      'viewer',
      'Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "DC1PersistentChatPolicy"',
      ['AccessDenied'],
    ],
    ['viewer', 'Remove-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"', ['AccessDenied']],
  ])('%s running %s gets %j', async (user, line, errors) => {
    const {run} = await runOne(line, roles, {user});
    expect(run.errors.map((e) => e.errorId)).toEqual(errors);
  });
});
