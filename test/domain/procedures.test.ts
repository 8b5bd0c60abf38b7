import {describe, expect, it} from 'vitest';
import {poolSummary} from '../../src/domain/pool-summary.js';
import {checkStep, procedureSteps, proposedActiveServers} from '../../src/domain/procedures.js';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';
import {DEMO_POOL, DEMO_POOL2, demoDeployment, stateFrom} from '../helpers/demo.js';

const demo = stateFrom(demoDeployment());
const poolOf = (state: ChatState, fqdn = DEMO_POOL): PersistentChatPool =>
  state.topology.persistentChatPools.find((p) => p.fqdn === fqdn)!;
const pc1 = poolOf(demo);
const chats = (ns: number[]): string[] => ns.map((n) => `chat${n}.${n <= 4 ? 'dc1' : 'dc2'}.example.org`);

describe('procedureSteps', () => {
  it.each([
    [
      'failover',
      [1, 2, 3, 4, 5, 6, 7],
      ['sqlRecord', 'acknowledge', 'acknowledge', 'sqlRecord', 'cmdlet', 'sqlRecord', 'cmdlet'],
    ],
    [
      'failback',
      [1, 2, 3, 4, 5, 6, 7],
      ['cmdlet', 'sqlRecord', 'acknowledge', 'sqlRecord', 'sqlRecord', 'cmdlet', 'cmdlet'],
    ],
    ['swap', [1], ['cmdlet']],
  ] as const)('numbers the %s steps as the spec does', (kind, numbers, kinds) => {
    const steps = procedureSteps(pc1, kind);
    expect(steps.map((s) => s.number)).toEqual(numbers);
    expect(steps.map((s) => s.kind)).toEqual(kinds);
  });

  it('marks the pool-state and active-server steps high impact, and the SQL steps not', () => {
    for (const step of [...procedureSteps(pc1, 'failover'), ...procedureSteps(pc1, 'failback')]) {
      expect([step.command?.cmdlet, step.impact]).toEqual([
        step.command?.cmdlet,
        step.kind === 'cmdlet' ? 'high' : 'normal',
      ]);
      expect(step.sqlWork === null).toBe(step.kind === 'cmdlet');
      expect(step.command === null).toBe(step.kind === 'acknowledge');
    }
  });
});

describe('proposedActiveServers', () => {
  it('proposes the servers beside the database the pool will use', () => {
    expect(proposedActiveServers(pc1, 'FailedOver')).toEqual(chats([5, 6, 7, 8]));
    expect(proposedActiveServers(pc1, 'Normal')).toEqual(chats([1, 2, 3, 4]));
  });

  it('proposes at most four, even with more servers beside the database', () => {
    const servers = [...pc1.servers, {fqdn: 'chat9.dc2.example.org', dataCenter: 'dc2'}];
    expect(proposedActiveServers({...pc1, servers}, 'FailedOver')).toEqual(chats([5, 6, 7, 8]));
  });

  it('still proposes the servers beside the database when the pool has a low-latency link', () => {
    expect(proposedActiveServers({...pc1, lowLatencyLink: true}, 'FailedOver')).toEqual(chats([5, 6, 7, 8]));
  });
});

describe('checkStep', () => {
  const failover = procedureSteps(pc1, 'failover');

  it('reports the warnings of a step out of order and previews its effect, without changing the state', () => {
    const failOver = failover.find((s) => s.number === 5)!;
    const check = checkStep(demo, failOver);
    expect(check.error).toBeNull();
    expect(check.warnings.map((w) => w.warningId)).toEqual(['LogShippingEnabled', 'BackupStoreOffline']);
    expect([check.before.poolState, check.after.poolState]).toEqual(['Normal', 'FailedOver']);
    expect(poolOf(demo).poolState).toBe('Normal');
  });

  it('reports the error of a step that cannot run on the pool', () => {
    const pc2 = poolOf(demo, DEMO_POOL2);
    const checks = procedureSteps(pc2, 'failover').map((step) => checkStep(demo, step));
    expect(checks.map((c) => c.error?.errorId ?? null)).toEqual([
      'BackupStoreRequired',
      'BackupStoreRequired',
      'BackupStoreRequired',
      'BackupStoreRequired',
      'BackupStoreRequired',
      'BackupMirrorRequired',
      null,
    ]);
    expect(checks.slice(0, 4).every((c) => c.state === demo && c.after === c.before)).toBe(true);
  });

  it('previews the swap as the pool summary before and after', () => {
    const [swap] = procedureSteps(pc1, 'swap');
    const check = checkStep(demo, swap!);
    expect(check.before.activeServers).toEqual(chats([1, 2, 3, 4]));
    expect(check.after.activeServers).toEqual(chats([5, 6, 7, 8]));
    expect(check.warnings.map((w) => w.warningId)).toEqual(['ActiveServerFarFromDatabase']);
    const far = check.after.dataCenters.flatMap((d) => d.servers.filter((s) => s.far).map((s) => s.fqdn));
    expect(far).toEqual(chats([5, 6, 7, 8]));
  });
});

describe('poolSummary', () => {
  it('shows the demo pool by data centre, with its databases', () => {
    expect(poolSummary(pc1)).toEqual({
      fqdn: DEMO_POOL,
      poolState: 'Normal',
      databaseInUse: 'primary',
      database: 'sql1.dc1.example.org\\rtc',
      databaseDataCenter: 'dc1',
      dataCenters: [
        {dataCenter: 'dc1', servers: chats([1, 2, 3, 4]).map((fqdn) => ({fqdn, active: true, far: false}))},
        {dataCenter: 'dc2', servers: chats([5, 6, 7, 8]).map((fqdn) => ({fqdn, active: false, far: false}))},
      ],
      activeServers: chats([1, 2, 3, 4]),
      logShipping: true,
      backupOnline: false,
      backupMirror: 'standby',
      primaryRestored: false,
    });
  });

  it('shows a pool without backup stores as having none', () => {
    const summary = poolSummary(poolOf(demo, DEMO_POOL2));
    expect([summary.backupOnline, summary.backupMirror, summary.logShipping]).toEqual([null, 'none', false]);
  });
});
