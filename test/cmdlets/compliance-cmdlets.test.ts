import {describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import type {LineRun} from '../../src/session.js';
import {onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const onePool = stateFrom(onePoolDeployment());
const errorIds = (run: LineRun | undefined): string[] => run?.errors.map((e) => e.errorId) ?? [];
const warningIds = (run: LineRun | undefined): string[] => run?.warnings.map((w) => w.warningId) ?? [];
const compliance = (identity: string, fields: Record<string, unknown> = {}) => ({
  Identity: identity,
  AdapterType: 'XML',
  AdapterName: null,
  AdapterOutputDirectory: null,
  OneChatRoomPerOutputFile: false,
  AddChatRoomDetails: false,
  AddUserDetails: false,
  CreateFileAttachmentsManifest: false,
  CustomConfiguration: null,
  RunInterval: '00:15:00',
  ...fields,
});
const identities = (state: ChatState) => state.compliance.map((c) => c.identity);

const POOL = 'Service:PersistentChatServer:pc1.dc1.example.org';
/** Site:DC1 with user and room details; the pool collection with one file per room and an XSLT. */
const SETUP = [
  'New-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -AddUserDetails $True -AddChatRoomDetails $True',
  'New-CsPersistentChatComplianceConfiguration -Identity "service:PersistentChatServer:pc1.dc1.example.org" -OneChatRoomPerOutputFile $True -CustomConfiguration "<xsl:stylesheet/>"',
];

describe('Persistent Chat compliance configuration: the documented examples', () => {
  it('New-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -AddUserDetails $True -AddChatRoomDetails $True', async () => {
    const {runs} = await runLines(onePool, [SETUP[0]!]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(runs[0]?.output).toEqual([
      compliance('Site:DC1', {AddUserDetails: true, AddChatRoomDetails: true}),
    ]);
  });

  it('New-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -RunInterval "00:30:00"', async () => {
    const {runs, state} = await runLines(onePool, [
      'New-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -RunInterval "00:30:00"',
    ]);
    expect(runs[0]?.output).toEqual([compliance('Site:DC1', {RunInterval: '00:30:00'})]);
    expect(state.compliance[1]?.runIntervalSeconds).toBe(1800);
  });

  it.each<[string, unknown[]]>([
    [
      'Get-CsPersistentChatComplianceConfiguration -Filter "service:*"',
      [compliance(POOL, {OneChatRoomPerOutputFile: true, CustomConfiguration: '<xsl:stylesheet/>'})],
    ],
    [
      'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.OneChatRoomPerOutputFile -eq $True}',
      [compliance(POOL, {OneChatRoomPerOutputFile: true, CustomConfiguration: '<xsl:stylesheet/>'})],
    ],
    [
      'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.CustomConfiguration -ne $Null}',
      [compliance(POOL, {OneChatRoomPerOutputFile: true, CustomConfiguration: '<xsl:stylesheet/>'})],
    ],
    [
      'Get-CsPersistentChatComplianceConfiguration -Identity "site:DC1"',
      [compliance('Site:DC1', {AddUserDetails: true, AddChatRoomDetails: true})],
    ],
  ])('%s', async (line, output) => {
    const {runs} = await runLines(onePool, [...SETUP, line]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs.at(-1)?.output).toEqual(output);
  });

  it('Set-CsPersistentChatComplianceConfiguration -Identity "global" -RunInterval "00:10:00"', async () => {
    const {runs} = await runLines(onePool, [
      'Set-CsPersistentChatComplianceConfiguration -Identity "global" -RunInterval "00:10:00"',
      'Get-CsPersistentChatComplianceConfiguration -Identity global',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs[1]?.output).toEqual([compliance('Global', {RunInterval: '00:10:00'})]);
  });

  it('Remove-CsPersistentChatComplianceConfiguration -Identity "site:DC1"', async () => {
    const {state} = await runLines(onePool, [
      ...SETUP,
      'Remove-CsPersistentChatComplianceConfiguration -Identity "site:DC1"',
    ]);
    expect(identities(state)).toEqual(['Global', POOL]);
  });

  it('removes the collections that add user details (the example with the property spelled right)', async () => {
    const {runs, state} = await runLines(onePool, [
      ...SETUP,
      'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.AddUserDetails -eq $True} | Remove-CsPersistentChatComplianceConfiguration',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(identities(state)).toEqual(['Global', POOL]);
  });

  it('removes nothing with the misspelt property of the reference example', async () => {
    const {state} = await runLines(onePool, [
      ...SETUP,
      'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.AddUserDetals -eq $True} | Remove-CsPersistentChatComplianceConfiguration',
    ]);
    expect(identities(state)).toEqual(['Global', 'Site:DC1', POOL]);
  });
});

describe('Persistent Chat compliance configuration: rules', () => {
  it('resets Global on Remove', async () => {
    const {runs} = await runLines(onePool, [
      'Set-CsPersistentChatComplianceConfiguration -AdapterType $Null -AddUserDetails $True -RunInterval "1.00:00:00"',
      'Remove-CsPersistentChatComplianceConfiguration -Identity global',
      'Get-CsPersistentChatComplianceConfiguration',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs[2]?.output).toEqual([compliance('Global')]);
  });

  it('updates each piped collection and keeps the values not given', async () => {
    const {state} = await runLines(onePool, [
      ...SETUP,
      'Get-CsPersistentChatComplianceConfiguration -Filter "s*" | Set-CsPersistentChatComplianceConfiguration -RunInterval "02:00:00"',
    ]);
    expect(
      state.compliance.map((c) => [
        c.identity,
        c.runIntervalSeconds,
        c.addUserDetails,
        c.oneChatRoomPerOutputFile,
      ]),
    ).toEqual([
      ['Global', 900, false, false],
      ['Site:DC1', 7200, true, false],
      [POOL, 7200, false, true],
    ]);
  });

  it('warns when the pool has compliance disabled in the topology', async () => {
    const pool = onePool.topology.persistentChatPools[0]!;
    const off: ChatState = {
      ...onePool,
      topology: {
        ...onePool.topology,
        persistentChatPools: [{...pool, compliance: {enabled: false, store: null}}],
      },
    };
    const {runs} = await runLines(off, [
      'New-CsPersistentChatComplianceConfiguration -Identity "service:pc1.dc1.example.org"',
    ]);
    expect(warningIds(runs[0])).toEqual(['ComplianceDisabled']);
  });

  it('warns when two adapters would write to the same folder', async () => {
    const {runs} = await runLines(onePool, [
      'Set-CsPersistentChatComplianceConfiguration -AdapterOutputDirectory "D:\\Compliance"',
      'New-CsPersistentChatComplianceConfiguration -Identity site:DC1 -AdapterType "Contoso.Archive.Adapter,Contoso" -AdapterOutputDirectory "D:\\Compliance\\"',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(warningIds(runs[1])).toEqual(['SharedOutputDirectory']);
  });

  it.each<[string, string]>([
    ['New-CsPersistentChatComplianceConfiguration -Identity site:DC2 -RunInterval "00:00:30"', 'OutOfRange'],
    [
      'New-CsPersistentChatComplianceConfiguration -Identity site:DC2 -RunInterval "31.00:00:00"',
      'OutOfRange',
    ],
    ['New-CsPersistentChatComplianceConfiguration -Identity site:DC2 -RunInterval "soon"', 'InvalidValue'],
    [
      'New-CsPersistentChatComplianceConfiguration -Identity site:DC2 -AdapterType "not a type"',
      'InvalidValue',
    ],
    ['New-CsPersistentChatComplianceConfiguration -Identity global', 'GlobalNotCreatable'],
    ['New-CsPersistentChatComplianceConfiguration -Identity site:DC1', 'AlreadyExists'],
    ['New-CsPersistentChatComplianceConfiguration -Identity tag:Legal', 'InvalidScope'],
    ['New-CsPersistentChatComplianceConfiguration -Identity site:Atlantis', 'SiteNotFound'],
    ['Get-CsPersistentChatComplianceConfiguration -Identity global -Filter "*"', 'ParameterConflict'],
    ['Remove-CsPersistentChatComplianceConfiguration -Identity site:DC2', 'ConfigurationNotFound'],
  ])('%s fails with %s', async (line, errorId) => {
    const {runs, state} = await runLines(onePool, [SETUP[0]!, line]);
    expect(errorIds(runs[0])).toEqual([]);
    expect(errorIds(runs[1])).toEqual([errorId]);
    expect(identities(state)).toEqual(['Global', 'Site:DC1']);
  });

  it('accepts the bounds of RunInterval', async () => {
    const {runs, state} = await runLines(onePool, [
      'New-CsPersistentChatComplianceConfiguration -Identity site:DC1 -RunInterval "00:01:00"',
      'New-CsPersistentChatComplianceConfiguration -Identity site:DC2 -RunInterval "30.00:00:00"',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(state.compliance.map((c) => c.runIntervalSeconds)).toEqual([900, 60, 2592000]);
  });

  it('returns an -InMemory object unsaved, and saves it through Set -Instance', async () => {
    const {runs, state} = await runLines(onePool, [
      '$c = New-CsPersistentChatComplianceConfiguration -Identity site:DC2 -RunInterval "01:00:00" -InMemory',
      'Set-CsPersistentChatComplianceConfiguration -Instance $c -AddChatRoomDetails $True',
    ]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(state.compliance[1]).toMatchObject({
      identity: 'Site:DC2',
      runIntervalSeconds: 3600,
      addChatRoomDetails: true,
    });
  });
});
