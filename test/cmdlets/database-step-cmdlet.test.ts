import {describe, expect, it} from 'vitest';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';
import type {LineRun} from '../../src/session.js';
import {DEMO_POOL, demoDeployment, onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const demo = stateFrom(demoDeployment());
const ID = `service:PersistentChatServer:${DEMO_POOL}`;
const chat = (n: number): string => `chat${n}.${n <= 4 ? 'dc1' : 'dc2'}.example.org`;
const replace = (ns: number[]): string => `@{Replace=${ns.map((n) => `"${chat(n)}"`).join(',')}}`;
const step = (name: string): string => `Set-PcDatabaseStep -Identity "${ID}" -Step ${name}`;
const errorIds = (run: LineRun | undefined): string[] => run?.errors.map((e) => e.errorId) ?? [];
const warningIds = (run: LineRun | undefined): string[] => run?.warnings.map((w) => w.warningId) ?? [];
const pc1 = (state: ChatState): PersistentChatPool =>
  state.topology.persistentChatPools.find((p) => p.fqdn === DEMO_POOL)!;

/** Topology spec 1.5 steps 1, 4, 5, 6, 7 for pc1, from dc1 to dc2. */
const FAILOVER = {
  removeLogShipping: step('LogShippingRemoved'),
  backupOnline: step('BackupOnline'),
  failOver: `Set-CsPersistentChatState -Identity "${ID}" -PoolState FailedOver`,
  installMirror: step('BackupMirrorInstalled'),
  activateDc2: `Set-CsPersistentChatActiveServer -Identity "${ID}" -ActiveServers ${replace([5, 6, 7, 8])}`,
} as const;

/** Topology spec 1.6 steps 1, 2, 4, 5, 6, 7 for pc1, back to dc1. */
const FAILBACK = {
  clearActive: `Set-CsPersistentChatActiveServer -Identity "${ID}" -ActiveServers $Null`,
  removeMirror: step('BackupMirrorRemoved'),
  restorePrimary: step('PrimaryRestored'),
  restoreLogShipping: step('LogShippingRestored'),
  activateDc1: `Set-CsPersistentChatActiveServer -Identity "${ID}" -ActiveServers ${replace([1, 2, 3, 4])}`,
  backToNormal: `Set-CsPersistentChatState -Identity "${ID}" -PoolState Normal`,
} as const;

const failover = Object.values(FAILOVER);
const failback = Object.values(FAILBACK);

/** The state without its revision counters, which every commit moves on. */
const withoutRevisions = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutRevisions);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'revision' && key !== 'rev')
      .map(([key, v]) => [key, withoutRevisions(v)]),
  );
};

describe('Set-PcDatabaseStep through the documented failover and failback of pc1', () => {
  it('runs every step in order with no warning but the one the spec documents for clearing the active list', async () => {
    const {runs} = await runLines(demo, [...failover, ...failback]);
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    expect(runs.every((r) => r.committed)).toBe(true);
    // Spec 2.1 example 3: "-ActiveServers $Null → no server is active (warning); typical first step of failback".
    const warned = runs.map((r) => ({line: r.line, ids: warningIds(r)})).filter((r) => r.ids.length > 0);
    expect(warned.map((r) => [r.line, r.ids])).toEqual([[FAILBACK.clearActive, ['NoActiveServers']]]);
  });

  it('reaches the failed-over model: backup online and mirrored, dc2 servers active, log shipping off', async () => {
    const {state} = await runLines(demo, failover);
    const pool = pc1(state);
    expect(pool.poolState).toBe('FailedOver');
    expect(pool.stores.logShipping).toBe(false);
    expect(pool.stores.backup?.online).toBe(true);
    expect(pool.stores.backupMirror?.active).toBe(true);
    expect(pool.activeServers).toEqual([chat(5), chat(6), chat(7), chat(8)]);
  });

  it('gives back the starting model after failback, but for the revision counters', async () => {
    const {state} = await runLines(demo, [...failover, ...failback]);
    expect(state.revision).toBe(demo.revision + failover.length + failback.length);
    expect(withoutRevisions(state)).toEqual(withoutRevisions(demo));
  });

  it('records each step in the audit log with the line that ran it', async () => {
    const {store} = await runLines(demo, failover);
    const commands = [...store.ports().audit.scan({})].map((e) => e.command);
    expect(commands).toEqual(failover);
  });

  it.each<[string, readonly string[], string, readonly string[]]>([
    [
      'bringing the backup online while log shipping is on',
      [],
      FAILOVER.backupOnline,
      ['LogShippingEnabled'],
    ],
    [
      'failing over before the backup is online',
      [FAILOVER.removeLogShipping],
      FAILOVER.failOver,
      ['BackupStoreOffline'],
    ],
    [
      'failing over before log shipping is removed',
      [],
      FAILOVER.failOver,
      ['LogShippingEnabled', 'BackupStoreOffline'],
    ],
    ['installing the backup mirror before failing over', [], FAILOVER.installMirror, ['PoolNotFailedOver']],
    [
      'removing the backup mirror while servers are active',
      failover,
      FAILBACK.removeMirror,
      ['ActiveServersNotCleared'],
    ],
    [
      'restoring the primary while the backup is still mirrored',
      [...failover, FAILBACK.clearActive],
      FAILBACK.restorePrimary,
      ['BackupMirrorActive'],
    ],
    [
      'setting up log shipping before the primary is restored',
      [...failover, FAILBACK.clearActive, FAILBACK.removeMirror],
      FAILBACK.restoreLogShipping,
      ['PrimaryNotRestored'],
    ],
    [
      'returning to Normal before log shipping is set up again',
      [
        ...failover,
        FAILBACK.clearActive,
        FAILBACK.removeMirror,
        FAILBACK.restorePrimary,
        FAILBACK.activateDc1,
      ],
      FAILBACK.backToNormal,
      ['LogShippingNotRestored'],
    ],
    [
      'making dc2 servers active after the primary in dc1 is restored',
      [...failover, FAILBACK.clearActive, FAILBACK.removeMirror, FAILBACK.restorePrimary],
      `Set-CsPersistentChatActiveServer -Identity "${ID}" -ActiveServers ${replace([5, 6])}`,
      ['ActiveServerFarFromDatabase'],
    ],
    [
      'returning to Normal while the dc2 servers are still the active ones',
      [...failover, FAILBACK.removeMirror, FAILBACK.restorePrimary, FAILBACK.restoreLogShipping],
      FAILBACK.backToNormal,
      ['ActiveServerFarFromDatabase'],
    ],
  ])('warns about %s, and still records the step', async (_what, before, line, warnings) => {
    const {runs} = await runLines(demo, [...before, line]);
    const last = runs.at(-1);
    expect(errorIds(last)).toEqual([]);
    expect(warningIds(last)).toEqual(warnings);
    expect(last?.committed).toBe(true);
  });

  it('suppresses the out-of-order warning with -Force', async () => {
    const {runs, state} = await runLines(demo, [`${FAILOVER.backupOnline} -Force`]);
    expect(warningIds(runs[0])).toEqual([]);
    expect(pc1(state).stores.backup?.online).toBe(true);
  });
});

describe('Set-PcDatabaseStep', () => {
  it.each<[string, readonly string[], string]>([
    ['log shipping already removed', [FAILOVER.removeLogShipping], FAILOVER.removeLogShipping],
    ['the backup already online', [FAILOVER.backupOnline], FAILOVER.backupOnline],
    ['a backup mirror that is not mirroring', [], FAILBACK.removeMirror],
    ['restoring the primary of a pool that runs on it', [], FAILBACK.restorePrimary],
    ['log shipping that is already set up', [], FAILBACK.restoreLogShipping],
  ])('treats %s as a no-op with a warning', async (_what, before, line) => {
    const {runs, state} = await runLines(demo, [...before, line]);
    const last = runs.at(-1);
    expect(errorIds(last)).toEqual([]);
    expect(warningIds(last)).toEqual(['DatabaseStepAlreadyRecorded']);
    expect(last?.committed).toBe(false);
    expect(state.revision).toBe(before.length);
  });

  it.each<[string, string, string]>([
    [
      'bringing online the backup of a pool that has none',
      'Set-PcDatabaseStep -Identity "service:pc2.dc2.example.org" -Step BackupOnline',
      'BackupStoreRequired',
    ],
    [
      'removing log shipping from a pool without a backup',
      'Set-PcDatabaseStep -Identity "service:pc2.dc2.example.org" -Step LogShippingRemoved',
      'BackupStoreRequired',
    ],
    [
      'installing a backup mirror the topology does not have',
      'Set-PcDatabaseStep -Identity "service:pc2.dc2.example.org" -Step BackupMirrorInstalled',
      'BackupMirrorRequired',
    ],
    ['no pool named while there are two', 'Set-PcDatabaseStep -Step BackupOnline', 'PoolRequired'],
    [
      'an unknown pool',
      'Set-PcDatabaseStep -Identity "service:pc9.dc1.example.org" -Step BackupOnline',
      'PoolNotFound',
    ],
    [
      'a step that does not exist',
      `Set-PcDatabaseStep -Identity "${ID}" -Step DatabaseDropped`,
      'InvalidValue',
    ],
  ])('refuses %s', async (_what, line, errorId) => {
    const {runs, state} = await runLines(demo, [line]);
    expect(errorIds(runs[0])).toEqual([errorId]);
    expect(state.topology).toEqual(demo.topology);
  });

  it('uses the only pool when no identity is given, and takes it from a piped state object', async () => {
    const onePool = stateFrom(onePoolDeployment());
    const {runs, state} = await runLines(onePool, [
      'Set-PcDatabaseStep -Step LogShippingRemoved',
      'Get-CsPersistentChatState | Set-PcDatabaseStep -Step BackupOnline',
    ]);
    expect(runs.flatMap((r) => [...r.errors, ...r.warnings])).toEqual([]);
    expect(pc1(state).stores.logShipping).toBe(false);
    expect(pc1(state).stores.backup?.online).toBe(true);
  });

  it('writes nothing with -WhatIf', async () => {
    const {runs, state} = await runLines(demo, [`${FAILOVER.removeLogShipping} -WhatIf`]);
    expect(runs[0]?.committed).toBe(false);
    expect(runs[0]?.whatIf).toHaveLength(1);
    expect(runs[0]?.effects).toEqual([]);
    expect(state).toEqual(demo);
  });

  it('asks with -Confirm and records nothing when the answer is no', async () => {
    const {runs, state} = await runLines(demo, [`${FAILOVER.removeLogShipping} -Confirm`], {
      ask: (prompts) => Promise.resolve(new Map(prompts.map((p) => [p.id, false]))),
    });
    expect(errorIds(runs[0])).toEqual([]);
    expect(runs[0]?.committed).toBe(false);
    expect(pc1(state).stores.logShipping).toBe(true);
  });

  it('is denied to a server administrator', async () => {
    const operators = [...demo.operators, {name: 'ops', roles: ['CsServerAdministrator' as const]}];
    const {runs} = await runLines({...demo, operators}, [FAILOVER.removeLogShipping], {user: 'ops'});
    expect(errorIds(runs[0])).toEqual(['AccessDenied']);
  });
});
