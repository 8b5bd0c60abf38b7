import {describe, expect, it} from 'vitest';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';
import type {LineRun} from '../../src/session.js';
import {demoDeployment, onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const onePool = stateFrom(onePoolDeployment());
const demo = stateFrom(demoDeployment());
const PC1 = 'service:PersistentChatServer:pc1.dc1.example.org';
const PC2 = 'service:PersistentChatServer:pc2.dc2.example.org';
const poolState = (state: ChatState, fqdn = 'pc1.dc1.example.org') =>
  state.topology.persistentChatPools.find((p) => p.fqdn === fqdn)?.poolState;
const errorIds = (run: LineRun | undefined): string[] => run?.errors.map((e) => e.errorId) ?? [];
const warningIds = (run: LineRun | undefined): string[] => run?.warnings.map((w) => w.warningId) ?? [];

const withPc1 = (state: ChatState, change: (p: PersistentChatPool) => PersistentChatPool): ChatState => ({
  ...state,
  topology: {
    ...state.topology,
    persistentChatPools: state.topology.persistentChatPools.map((p) =>
      p.fqdn === 'pc1.dc1.example.org' ? change(p) : p,
    ),
  },
});
const failedOver = withPc1(demo, (p) => ({...p, poolState: 'FailedOver'}));

describe('Get-CsPersistentChatState', () => {
  it.each<[string, ChatState, unknown[]]>([
    [
      'Get-CsPersistentChatState',
      demo,
      [
        {Identity: PC1, PoolState: 'Normal'},
        {Identity: PC2, PoolState: 'Normal'},
      ],
    ],
    [
      'Get-CsPersistentChatState -Identity "PersistentChatServer:pc1.dc1.example.org"',
      demo,
      [{Identity: PC1, PoolState: 'Normal'}],
    ],
    ['Get-CsPersistentChatState "service:pc2.dc2.example.org"', demo, [{Identity: PC2, PoolState: 'Normal'}]],
    ['Get-CsPersistentChatState | Where-Object {$_.PoolState -eq "FailedOver"}', demo, []],
    [
      'Get-CsPersistentChatState | Where-Object {$_.PoolState -eq "FailedOver"}',
      failedOver,
      [{Identity: PC1, PoolState: 'FailedOver'}],
    ],
    ['Get-CsPersistentChatState -Filter "*.dc2.example.org"', demo, [{Identity: PC2, PoolState: 'Normal'}]],
    ['Get-CsPersistentChatState -Filter "*.contoso.com"', demo, []],
  ])('%s', async (line, state, output) => {
    const {runs} = await runLines(state, [line]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(runs[0]?.output).toEqual(output);
  });

  it.each([
    ['Get-CsPersistentChatState -Identity "PersistentChatServer:pc9.dc1.example.org"', 'PoolNotFound'],
    ['Get-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -Filter "*"', 'ParameterConflict'],
  ])('%s fails with %s', async (line, errorId) => {
    const {runs} = await runLines(demo, [line]);
    expect(errorIds(runs[0])).toEqual([errorId]);
  });
});

describe('Set-CsPersistentChatState', () => {
  it('example 1 fails pc1 over, with the warnings of the steps not yet done', async () => {
    const {runs, state} = await runLines(demo, [
      'Set-CsPersistentChatState -Identity "PersistentChatServer:pc1.dc1.example.org" -PoolState "FailedOver"',
    ]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(warningIds(runs[0])).toEqual(['LogShippingEnabled', 'BackupStoreOffline']);
    expect(poolState(state)).toBe('FailedOver');
    expect(runs[0]?.effects.map((e) => e.kind)).toEqual(['backup']);
    expect(runs[0]?.output).toEqual([]);
  });

  it('example 2 returns the pool to Normal as the last step of failback', async () => {
    const {runs, state} = await runLines(failedOver, [
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState Normal',
    ]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(poolState(state)).toBe('Normal');
  });

  it('runs the whole failover procedure without warnings once the SQL steps are done', async () => {
    const ready = withPc1(demo, (p) => ({
      ...p,
      stores: {
        ...p.stores,
        logShipping: false,
        backup: p.stores.backup && {...p.stores.backup, online: true},
      },
    }));
    const {runs, state} = await runLines(ready, [
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState FailedOver',
      'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -ActiveServers @{Replace="chat5.dc2.example.org","chat6.dc2.example.org"}',
    ]);
    expect(runs.flatMap((r) => [...r.errors, ...r.warnings])).toEqual([]);
    expect(poolState(state)).toBe('FailedOver');
    expect(state.topology.persistentChatPools[0]?.activeServers).toEqual([
      'chat5.dc2.example.org',
      'chat6.dc2.example.org',
    ]);
  });

  it('takes the pool from a piped state object', async () => {
    const {runs, state} = await runLines(demo, [
      'Get-CsPersistentChatState -Filter "*pc1*" | Set-CsPersistentChatState -PoolState FailedOver -Force',
    ]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(warningIds(runs[0])).toEqual([]);
    expect([poolState(state), poolState(state, 'pc2.dc2.example.org')]).toEqual(['FailedOver', 'Normal']);
  });

  it.each<[string, string, ChatState, string[]]>([
    [
      'FailedOver without a backup store',
      'Set-CsPersistentChatState -Identity "service:pc2.dc2.example.org" -PoolState FailedOver',
      demo,
      ['BackupStoreRequired'],
    ],
    [
      'an unknown pool',
      'Set-CsPersistentChatState -Identity "service:pc9.dc1.example.org" -PoolState FailedOver',
      demo,
      ['PoolNotFound'],
    ],
    [
      'no pool named while there are two',
      'Set-CsPersistentChatState -PoolState FailedOver',
      demo,
      ['PoolRequired'],
    ],
    [
      'a pool state that does not exist',
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState Degraded',
      demo,
      ['InvalidValue'],
    ],
  ])('refuses %s', async (_what, line, state, errors) => {
    const {runs, state: after} = await runLines(state, [line]);
    expect(errorIds(runs[0])).toEqual(errors);
    expect(after.revision).toBe(state.revision);
    expect(after.topology).toEqual(state.topology);
  });

  it('uses the only pool when no identity is given', async () => {
    const {state} = await runLines(onePool, ['Set-CsPersistentChatState -PoolState FailedOver']);
    expect(poolState(state)).toBe('FailedOver');
  });

  it.each([
    [
      'the state the pool already has',
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState Normal',
    ],
    ['no -PoolState', 'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org"'],
    [
      '-WhatIf',
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState FailedOver -WhatIf',
    ],
  ])('commits nothing for %s', async (_what, line) => {
    const {runs, state} = await runLines(demo, [line]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(runs[0]?.committed).toBe(false);
    expect(runs[0]?.effects).toEqual([]);
    expect(poolState(state)).toBe('Normal');
  });

  it('is denied to a server administrator', async () => {
    const operators = [...demo.operators, {name: 'ops', roles: ['CsServerAdministrator' as const]}];
    const {runs} = await runLines(
      {...demo, operators},
      ['Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState FailedOver'],
      {user: 'ops'},
    );
    expect(errorIds(runs[0])).toEqual(['AccessDenied']);
  });
});
