import {describe, expect, it} from 'vitest';
import {runLines} from '../helpers/run-lines.js';
import {DEFAULT_ENDPOINT_DN, fixtureState, POOL, POOL2} from '../domain/directory-fixture.js';
import type {ChatState} from '../../src/domain/types.js';
import type {Asker} from '../../src/session.js';

const base = fixtureState();
const twoPools = fixtureState({twoPools: true});
// The session plans a line before it commits it, so the id a New gets is not fixed: match its shape.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NEW_DN =
  /^CN=\{[0-9a-f-]{36}\},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org$/;
const sips = (state: ChatState) => state.endpoints.map((e) => e.sipAddress);
const answer =
  (yes: boolean): Asker =>
  (prompts) =>
    Promise.resolve(new Map(prompts.map((p) => [p.id, yes])));

const defaultEndpoint = {
  Identity: DEFAULT_ENDPOINT_DN,
  SipAddress: 'sip:pc1chat@example.org',
  DisplayName: 'pc1 Persistent Chat',
  PersistentChatPoolFqdn: POOL,
  ObjectId: '11111111-1111-4111-8111-111111111111',
  IsDefault: true,
  DistinguishedName: DEFAULT_ENDPOINT_DN,
};
const pce = {
  Identity: expect.stringMatching(NEW_DN) as unknown,
  SipAddress: 'sip:pce@example.org',
  DisplayName: 'Persistent Chat Endpoint 1',
  PersistentChatPoolFqdn: POOL,
  ObjectId: expect.stringMatching(GUID) as unknown,
  IsDefault: false,
  DistinguishedName: expect.stringMatching(NEW_DN) as unknown,
};
const NEW_PCE =
  'New-CsPersistentChatEndpoint -SipAddress "sip:pce@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org" -DisplayName "Persistent Chat Endpoint 1"';

async function runAll(
  lines: readonly string[],
  state: ChatState = base,
  options: Parameters<typeof runLines>[2] = {},
) {
  return runLines(state, lines, options);
}

describe('New-CsPersistentChatEndpoint', () => {
  it('creates the documented endpoint with a GUID-based DN and warns that the pool already has one', async () => {
    const {runs, state} = await runAll([NEW_PCE]);
    const run = runs[0];
    expect(run?.errors).toEqual([]);
    expect(run?.output).toEqual([]);
    expect(run?.warnings).toEqual([expect.objectContaining({warningId: 'AdditionalEndpoint'})]);
    expect(sips(state)).toEqual(['sip:pc1chat@example.org', 'sip:pce@example.org']);
    expect(state.endpoints[1]?.dn).toMatch(NEW_DN);
    expect(state.endpoints[1]?.dn).toBe(
      `CN={${state.endpoints[1]?.objectId ?? ''}},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org`,
    );
  });

  it('emits the new endpoint with -PassThru, and the first endpoint of a pool is its default', async () => {
    const {runs} = await runAll(
      [
        'New-CsPersistentChatEndpoint -SipAddress "sip:pc2chat@example.org" -PoolFqdn "pc2.dc2.example.org" -PassThru',
      ],
      twoPools,
    );
    expect(runs[0]?.warnings).toEqual([]);
    expect(runs[0]?.output).toEqual([
      expect.objectContaining({
        SipAddress: 'sip:pc2chat@example.org',
        PersistentChatPoolFqdn: POOL2,
        IsDefault: true,
        DisplayName: null,
      }),
    ]);
  });

  it.each([
    [
      'New-CsPersistentChatEndpoint -SipAddress "pce@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      'InvalidValue',
    ],
    [
      'New-CsPersistentChatEndpoint -SipAddress "sip:pce@contoso.com" -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      'InvalidValue',
    ],
    [
      'New-CsPersistentChatEndpoint -SipAddress "sip:jordan.lee@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      'AlreadyExists',
    ],
    [
      'New-CsPersistentChatEndpoint -SipAddress "sip:DC1MeetingRoom@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      'AlreadyExists',
    ],
    [
      'New-CsPersistentChatEndpoint -SipAddress "sip:pc1chat@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      'AlreadyExists',
    ],
    [
      'New-CsPersistentChatEndpoint -SipAddress "sip:pce@example.org" -PersistentChatPoolFqdn "pc9.dc1.example.org"',
      'PoolNotFound',
    ],
  ])('%s fails with %s', async (line, errorId) => {
    const {runs, state} = await runAll([line]);
    expect(runs[0]?.errors.map((e) => e.errorId)).toEqual([errorId]);
    expect(state).toBe(base);
  });

  it('-WhatIf writes nothing', async () => {
    const {runs, state} = await runAll([`${NEW_PCE} -WhatIf`]);
    expect(runs[0]?.whatIf).toHaveLength(1);
    expect(state).toBe(base);
  });
});

describe('Get-CsPersistentChatEndpoint', () => {
  const withPce = [
    'New-CsPersistentChatEndpoint -SipAddress "sip:pce@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org" -DisplayName "Persistent Chat Endpoint 1"',
  ];

  it.each([
    ['Get-CsPersistentChatEndpoint', [defaultEndpoint, pce]],
    ['Get-CsPersistentChatEndpoint -Identity "sip:pce@example.org"', [pce]],
    ['Get-CsPersistentChatEndpoint "Persistent Chat Endpoint 1"', [pce]],
    ['Get-CsPersistentChatEndpoint -PersistentChatPoolFqdn "pc1.dc1.example.org"', [defaultEndpoint, pce]],
    ['Get-CsPersistentChatEndpoint -PoolFqdn pc1.dc1.example.org -ResultSize 1', [defaultEndpoint]],
    ['Get-CsPersistentChatEndpoint -ResultSize 0', []],
    ['Get-CsPersistentChatEndpoint -ResultSize 7', [defaultEndpoint, pce]],
    ['Get-CsPersistentChatEndpoint -Filter {DisplayName -like "*Chat*"}', [defaultEndpoint, pce]],
    ['Get-CsPersistentChatEndpoint -Filter {DisplayName -like "*Endpoint*"}', [pce]],
    ['Get-CsPersistentChatEndpoint -LdapFilter "displayName=pc1*"', [defaultEndpoint]],
    ['Get-CsPersistentChatEndpoint | Where-Object {$_.IsDefault -eq $False}', [pce]],
  ])('%s', async (line, expected) => {
    const {runs} = await runAll([...withPce, line]);
    expect(runs[1]?.errors).toEqual([]);
    expect(runs[1]?.output).toEqual(expected);
  });

  it('finds an endpoint by its full distinguished name', async () => {
    const {state} = await runAll(withPce);
    const dn = state.endpoints[1]?.dn ?? '';
    const {runs} = await runAll([`Get-CsPersistentChatEndpoint -Identity "${dn.toLowerCase()}"`], state);
    expect(runs[0]?.output).toEqual([pce]);
  });

  it.each([
    ['Get-CsPersistentChatEndpoint -Identity "sip:nobody@example.org"', 'EndpointNotFound'],
    ['Get-CsPersistentChatEndpoint -PersistentChatPoolFqdn "pc9.dc1.example.org"', 'PoolNotFound'],
    ['Get-CsPersistentChatEndpoint -LdapFilter "(displayName=x"', 'InvalidValue'],
    ['Get-CsPersistentChatEndpoint -ResultSize -1', 'OutOfRange'],
  ])('%s fails with %s', async (line, errorId) => {
    const {runs} = await runAll([line]);
    expect(runs[0]?.errors.map((e) => e.errorId)).toEqual([errorId]);
  });
});

describe('Remove-CsPersistentChatEndpoint', () => {
  it('removes the documented endpoint', async () => {
    const {runs, state} = await runAll([
      NEW_PCE,
      'Remove-CsPersistentChatEndpoint -Identity "sip:pce@example.org"',
    ]);
    expect(runs[1]?.errors).toEqual([]);
    expect(sips(state)).toEqual(['sip:pc1chat@example.org']);
  });

  it('fails with EndpointNotFound for an unknown endpoint', async () => {
    const {runs} = await runAll(['Remove-CsPersistentChatEndpoint -Identity "sip:nobody@example.org"']);
    expect(runs[0]?.errors.map((e) => e.errorId)).toEqual(['EndpointNotFound']);
  });

  it.each([
    ['-Force is given', ' -Force', {}, [], []],
    ['the operator confirms', '', {ask: answer(true)}, [], []],
    ['the operator refuses', '', {ask: answer(false)}, ['sip:pc1chat@example.org'], ['EndpointInUse']],
    ['nobody can be asked', '', {}, ['sip:pc1chat@example.org'], ['ConfirmationRequired']],
  ])(
    "removes a pool's piped endpoints, the default one only when %s",
    async (_when, suffix, options, left, errors) => {
      const state = (await runAll([NEW_PCE])).state;
      const {runs, state: after} = await runAll(
        [
          `Get-CsPersistentChatEndpoint -PersistentChatPoolFqdn "pc1.dc1.example.org" | Remove-CsPersistentChatEndpoint${suffix}`,
        ],
        state,
        options,
      );
      expect(runs[0]?.errors.map((e) => e.errorId)).toEqual(errors);
      expect(sips(after)).toEqual(left);
    },
  );

  it('warns before removing the default endpoint', async () => {
    const {runs, state} = await runAll([`Remove-CsPersistentChatEndpoint "${DEFAULT_ENDPOINT_DN}"`], base, {
      ask: answer(true),
    });
    expect(runs[0]?.warnings).toEqual([expect.objectContaining({warningId: 'DefaultEndpoint'})]);
    expect(sips(state)).toEqual([]);
  });

  it('is refused to a view-only operator', async () => {
    const viewer: ChatState = {
      ...base,
      operators: [...base.operators, {name: 'viewer', roles: ['CsViewOnlyAdministrator']}],
    };
    const {runs, state} = await runAll(
      ['Remove-CsPersistentChatEndpoint -Identity "sip:pc1chat@example.org" -Force'],
      viewer,
      {user: 'viewer'},
    );
    expect(runs[0]?.errors.map((e) => e.errorId)).toEqual(['AccessDenied']);
    expect(state).toBe(viewer);
  });
});
