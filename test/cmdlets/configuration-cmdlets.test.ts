import {describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import type {LineRun} from '../../src/session.js';
import {onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const onePool = stateFrom(onePoolDeployment());
const errorIds = (run: LineRun | undefined): string[] => run?.errors.map((e) => e.errorId) ?? [];
const config = (identity: string, fields: Record<string, unknown> = {}) => ({
  Identity: identity,
  DefaultChatHistory: 30,
  MaxFileSizeKB: 20000,
  ParticipantUpdateLimit: 75,
  RoomManagementUrl: null,
  ...fields,
});
const configs = (state: ChatState) =>
  state.configurations.map((c) => [c.identity, c.defaultChatHistory, c.participantUpdateLimit]);

/** Global, Site:DC1 and Site:DC2, the last with a room-management URL. */
const SETUP = [
  'New-CsPersistentChatConfiguration -Identity "site:DC1" -ParticipantUpdateLimit 100',
  'New-CsPersistentChatConfiguration -Identity "site:DC2" -RoomManagementUrl "https://rooms.example.org/manage"',
];

describe('Persistent Chat configuration: the documented examples', () => {
  it('New-CsPersistentChatConfiguration -Identity "site:DC1" -ParticipantUpdateLimit 100', async () => {
    const {runs, state} = await runLines(onePool, [SETUP[0]!]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(runs[0]?.output).toEqual([config('Site:DC1', {ParticipantUpdateLimit: 100})]);
    expect(configs(state)).toEqual([
      ['Global', 30, 75],
      ['Site:DC1', 30, 100],
    ]);
    expect(state.configurations[1]?.rev).toBe(onePool.revision + 1);
  });

  it.each<[string, unknown[]]>([
    [
      'Get-CsPersistentChatConfiguration -Identity "site:DC1"',
      [config('Site:DC1', {ParticipantUpdateLimit: 100})],
    ],
    [
      'Get-CsPersistentChatConfiguration | Where-Object {$_.RoomManagementUrl -eq $Null}',
      [config('Global'), config('Site:DC1', {ParticipantUpdateLimit: 100})],
    ],
    [
      'Get-CsPersistentChatConfiguration -Filter "site:*" | Select-Object -First 1',
      [config('Site:DC1', {ParticipantUpdateLimit: 100})],
    ],
    ['Get-CsPersistentChatConfiguration -Filter "service:*"', []],
    ['Get-CsPersistentChatConfiguration global', [config('Global')]],
  ])('%s', async (line, output) => {
    const {runs} = await runLines(onePool, [...SETUP, line]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs.at(-1)?.output).toEqual(output);
  });

  it('Set-CsPersistentChatConfiguration -Identity "global" -DefaultChatHistory 100', async () => {
    const {runs, state} = await runLines(onePool, [
      'Set-CsPersistentChatConfiguration -Identity "global" -DefaultChatHistory 100',
    ]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(runs[0]?.output).toEqual([]);
    expect(configs(state)).toEqual([['Global', 100, 75]]);
  });

  it('Get-CsPersistentChatConfiguration -Filter "site:*" | Set-CsPersistentChatConfiguration -DefaultChatHistory 100', async () => {
    const {runs, state} = await runLines(onePool, [
      ...SETUP,
      'Get-CsPersistentChatConfiguration -Filter "site:*" | Set-CsPersistentChatConfiguration -DefaultChatHistory 100',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(configs(state)).toEqual([
      ['Global', 30, 75],
      ['Site:DC1', 100, 100],
      ['Site:DC2', 100, 75],
    ]);
    expect(state.configurations[2]?.roomManagementUrl).toBe('https://rooms.example.org/manage');
  });

  it('Remove-CsPersistentChatConfiguration -Identity "site:DC1"', async () => {
    const {runs, state} = await runLines(onePool, [
      ...SETUP,
      'Remove-CsPersistentChatConfiguration -Identity "site:DC1"',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(state.configurations.map((c) => c.identity)).toEqual(['Global', 'Site:DC2']);
  });

  it('Get-CsPersistentChatConfiguration -Filter "site:*" | Remove-CsPersistentChatConfiguration', async () => {
    const {runs, state} = await runLines(onePool, [
      ...SETUP,
      'Get-CsPersistentChatConfiguration -Filter "site:*" | Remove-CsPersistentChatConfiguration',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(state.configurations.map((c) => c.identity)).toEqual(['Global']);
  });
});

describe('Persistent Chat configuration: rules', () => {
  it('resets Global on Remove instead of deleting it', async () => {
    const {runs, state} = await runLines(onePool, [
      'Set-CsPersistentChatConfiguration -DefaultChatHistory 200 -RoomManagementUrl "https://rooms.example.org"',
      'Remove-CsPersistentChatConfiguration -Identity global',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(state.configurations.map((c) => [c.identity, c.defaultChatHistory, c.roomManagementUrl])).toEqual([
      ['Global', 30, null],
    ]);
  });

  it('returns an -InMemory object unsaved, and saves it through Set -Instance', async () => {
    const {runs, state} = await runLines(onePool, [
      '$c = New-CsPersistentChatConfiguration -Identity "service:PersistentChatServer:pc1.dc1.example.org" -DefaultChatHistory 50 -InMemory',
      'Get-CsPersistentChatConfiguration -Filter "service:*"',
      'Set-CsPersistentChatConfiguration -Instance $c',
      'Get-CsPersistentChatConfiguration -Filter "service:*"',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs[1]?.output).toEqual([]);
    expect(runs[3]?.output).toEqual([
      config('Service:PersistentChatServer:pc1.dc1.example.org', {DefaultChatHistory: 50}),
    ]);
    expect(configs(state)).toContainEqual(['Service:PersistentChatServer:pc1.dc1.example.org', 50, 75]);
  });

  it('clears the room-management URL with $Null', async () => {
    const {runs, state} = await runLines(onePool, [
      ...SETUP,
      'Set-CsPersistentChatConfiguration -Identity site:DC2 -RoomManagementUrl $Null',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(state.configurations[2]?.roomManagementUrl).toBeNull();
  });

  it.each<[string, string]>([
    ['New-CsPersistentChatConfiguration -Identity global', 'GlobalNotCreatable'],
    ['New-CsPersistentChatConfiguration -Identity site:DC1', 'AlreadyExists'],
    ['New-CsPersistentChatConfiguration -Identity tag:Sales', 'InvalidScope'],
    ['New-CsPersistentChatConfiguration -Identity site:Atlantis', 'SiteNotFound'],
    [
      'New-CsPersistentChatConfiguration -Identity "service:PersistentChatServer:pc9.dc1.example.org"',
      'PoolNotFound',
    ],
    ['New-CsPersistentChatConfiguration -Identity site:DC2 -DefaultChatHistory 501', 'OutOfRange'],
    ['New-CsPersistentChatConfiguration -Identity site:DC2 -DefaultChatHistory 0', 'OutOfRange'],
    ['New-CsPersistentChatConfiguration -Identity site:DC2 -MaxFileSizeKB -5', 'InvalidValue'],
    ['New-CsPersistentChatConfiguration -Identity site:DC2 -MaxFileSizeKB lots', 'InvalidValue'],
    [
      'New-CsPersistentChatConfiguration -Identity site:DC2 -RoomManagementUrl "ftp://rooms.example.org"',
      'InvalidValue',
    ],
    ['New-CsPersistentChatConfiguration -Identity site:DC2 -MaxChatContentSizeMB 5', 'ParameterBindingError'],
    ['Get-CsPersistentChatConfiguration -Identity site:DC2', 'ConfigurationNotFound'],
    ['Get-CsPersistentChatConfiguration -Identity site:DC1 -Filter "site:*"', 'ParameterConflict'],
    ['Set-CsPersistentChatConfiguration -Identity site:DC2 -DefaultChatHistory 5', 'ConfigurationNotFound'],
    ['Remove-CsPersistentChatConfiguration -Identity site:DC2', 'ConfigurationNotFound'],
  ])('%s fails with %s and changes nothing', async (line, errorId) => {
    const {runs, state: before} = await runLines(onePool, [SETUP[0]!]);
    const {runs: after, state} = await runLines(before, [line]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(errorIds(after[0])).toEqual([errorId]);
    expect(state).toEqual(before);
  });

  it('changes nothing under -WhatIf', async () => {
    const {runs, state} = await runLines(onePool, [
      'New-CsPersistentChatConfiguration -Identity site:DC1 -WhatIf',
      'Set-CsPersistentChatConfiguration -DefaultChatHistory 99 -WhatIf',
    ]);
    expect(runs.map((r) => r.whatIf.length)).toEqual([1, 1]);
    expect(state.configurations).toEqual(onePool.configurations);
  });

  it('is denied to a user administrator', async () => {
    const operators = [...onePool.operators, {name: 'ua', roles: ['CsUserAdministrator' as const]}];
    const {runs} = await runLines(
      {...onePool, operators},
      ['Set-CsPersistentChatConfiguration -DefaultChatHistory 99'],
      {user: 'ua'},
    );
    expect(errorIds(runs[0])).toEqual(['AccessDenied']);
  });
});
