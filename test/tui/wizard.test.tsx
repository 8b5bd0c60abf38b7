import {afterEach, describe, expect, it} from 'vitest';
import {catalog} from '../../src/cmdlets/catalog.js';
import {procedureSteps, type ProcedureKind} from '../../src/domain/procedures.js';
import type {ChatState} from '../../src/domain/types.js';
import {procedureLine} from '../../src/lang/procedure-line.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type RenderedApp} from '../helpers/render-app.js';
import {demoStore} from './demo-console.js';

const PC1 = 'pc1.dc1.example.org';
const PC2 = 'pc2.dc2.example.org';

const open: RenderedApp[] = [];
afterEach(() => {
  for (const app of open.splice(0)) app.unmount();
});

async function demoApp(columns = 100, rows = 30): Promise<RenderedApp> {
  const demo = await demoStore();
  const app = await renderApp(demo.state, {messages: demo.messages, columns, rows});
  open.push(app);
  return app;
}

const poolOf = (state: ChatState, fqdn = PC1) => {
  const pool = state.topology.persistentChatPools.find((p) => p.fqdn === fqdn);
  if (!pool) throw new Error(`no pool ${fqdn}`);
  return pool;
};

const serversIn = (state: ChatState, dc: string) =>
  poolOf(state)
    .servers.filter((s) => s.dataCenter === dc)
    .map((s) => s.fqdn);

async function auditLines(app: RenderedApp): Promise<string[]> {
  const run = await app.session.run('Get-PcAuditEntry');
  return run.output.map((o) => String((o as {Command: unknown}).Command));
}

/** Confirms the step on screen as its screen asks: the pool's name typed for a high-impact step, else Enter. */
async function confirmStep(app: RenderedApp, pool = PC1): Promise<void> {
  if (app.lastFrame().includes(`Type ${pool} to confirm:`)) await app.type(pool);
  await app.press(keys.enter);
}

/** Opens the wizard on Pools at the pool under the cursor with the procedure chosen, and starts it. */
async function startProcedure(app: RenderedApp, kind: ProcedureKind): Promise<void> {
  await app.press('1', {failover: 'F', failback: 'B', swap: 'S'}[kind], keys.enter);
}

async function runAll(app: RenderedApp, kind: ProcedureKind): Promise<void> {
  const count = procedureSteps(poolOf(app.session.state), kind).length;
  for (let i = 1; i <= count; i++) {
    expect(app.lastFrame()).toContain(`step ${i} of ${count}`);
    await confirmStep(app);
  }
  expect(app.lastFrame()).toContain(': done');
  expect(app.lastFrame()).toContain('Every step ran.');
  expect(app.lastFrame()).toContain('Enter/Esc close');
  await app.press(keys.enter);
  expect(app.lastFrame()).toContain('Wizard closed;');
}

describe('the failover wizard', () => {
  it('fails pc1 over to dc2 and back with one audit entry per step, each the line the step showed', async () => {
    const app = await demoApp();
    const start = app.session.state;
    const auditBefore = (await auditLines(app)).length;
    await app.press('1', 'w');
    expect(app.lastFrame()).toContain(`Wizard: pool ${PC1}`);
    expect(app.lastFrame()).toMatch(/› Fail over \(7 steps\)/);
    await app.press(keys.enter);
    const over = procedureSteps(poolOf(start), 'failover').map((s) => procedureLine(s, catalog));
    for (let i = 1; i <= over.length; i++) {
      expect(app.lastFrame()).toContain(`step ${i} of 7`);
      await confirmStep(app);
    }
    expect(app.lastFrame()).toContain('Every step ran.');
    await app.press(keys.esc);
    let pool = poolOf(app.session.state);
    expect(pool.poolState).toBe('FailedOver');
    expect(pool.activeServers).toEqual(serversIn(start, 'dc2').slice(0, 4));

    await app.press('w');
    expect(app.lastFrame()).toMatch(/› Fail back \(7 steps\)/);
    await app.press(keys.enter);
    const back = procedureSteps(pool, 'failback').map((s) => procedureLine(s, catalog));
    for (let i = 1; i <= back.length; i++) {
      expect(app.lastFrame()).toContain(`step ${i} of 7`);
      await confirmStep(app);
    }
    await app.press(keys.enter);
    pool = poolOf(app.session.state);
    expect(pool.poolState).toBe('Normal');
    expect(pool.activeServers).toEqual(poolOf(start).activeServers);
    // The acknowledgement steps run no line.
    expect((await auditLines(app)).slice(auditBefore)).toEqual([...over, ...back].filter(Boolean));
  });

  it('backs the store up before the first write, at the revision the wizard started from', async () => {
    const app = await demoApp();
    const revision = app.session.state.revision;
    const before = (await app.session.run('Get-PcBackup')).output.length;
    await startProcedure(app, 'failover');
    await confirmStep(app);
    const backups = (await app.session.run('Get-PcBackup')).output as {Revision: number}[];
    expect(backups).toHaveLength(before + 1);
    expect(backups[backups.length - 1]?.Revision).toBe(revision);
  });

  it('swaps exactly the active set of pc1 and nothing else, with one audit entry', async () => {
    const app = await demoApp();
    const start = app.session.state;
    const auditBefore = (await auditLines(app)).length;
    await app.press('2', 'W', keys.up, keys.enter);
    expect(app.lastFrame()).toContain(`Swap the active servers ${PC1}: step 1 of 1`);
    await runAll(app, 'swap');
    const after = app.session.state;
    const pool = poolOf(after);
    expect(pool.activeServers).toEqual(serversIn(start, 'dc2'));
    const unchanged = (s: ChatState) => ({
      ...s,
      revision: 0,
      topology: {
        ...s.topology,
        persistentChatPools: s.topology.persistentChatPools.map((p) => ({...p, activeServers: []})),
      },
    });
    expect(unchanged(after)).toEqual(unchanged(start));
    expect((await auditLines(app)).slice(auditBefore)).toEqual([
      `Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:${PC1}" -Swap`,
    ]);
  });

  it.each<[ProcedureKind, number]>([
    ['failover', 7],
    ['failback', 7],
    ['swap', 1],
  ])('writes nothing when %s is left at any of its %i steps', async (kind, count) => {
    for (let stop = 0; stop < count; stop++) {
      const app = await demoApp();
      await startProcedure(app, kind);
      for (let i = 0; i < stop; i++) await confirmStep(app);
      const before = app.session.state;
      const audit = (await auditLines(app)).length;
      // Half the pool's name typed, then back out step by step until the wizard closes.
      await app.type('pc1');
      for (let i = 0; i <= stop; i++) {
        await app.press(keys.esc);
        expect(app.session.state).toBe(before);
      }
      expect(app.lastFrame()).toContain('Wizard closed;');
      expect(app.lastFrame()).not.toContain('step 1 of');
      expect(await auditLines(app)).toHaveLength(audit);
      app.unmount();
    }
  });

  it('goes back a step on Esc, says the step stays done, and moves on with Enter without running it again', async () => {
    const app = await demoApp();
    await startProcedure(app, 'failover');
    await confirmStep(app);
    const after = app.session.state;
    await app.press(keys.esc);
    const frame = app.lastFrame();
    expect(frame).toContain('step 1 of 7');
    expect(frame).toContain('Done. Enter goes to the next step.');
    expect(frame).toContain('Esc goes back a step and undoes nothing');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('step 2 of 7');
    expect(app.session.state).toBe(after);
  });

  it('refuses a high-impact step until the pool name is typed exactly', async () => {
    const app = await demoApp();
    await startProcedure(app, 'swap');
    const before = app.session.state;
    expect(app.lastFrame()).toContain(`Type ${PC1} to confirm:`);
    await app.type('pc1');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain(`Type ${PC1} exactly to run this step`);
    expect(app.session.state).toBe(before);
  });

  it('blocks a step whose precondition fails and says why; warnings show but do not block', async () => {
    const app = await demoApp();
    await app.press('1', keys.down);
    await app.press('F', keys.enter);
    expect(app.lastFrame()).toContain(`Fail over ${PC2}: step 1 of 7`);
    let frame = app.lastFrame();
    expect(frame).toContain('[BackupStoreRequired]');
    expect(frame).toContain('This step cannot run until the error above is fixed.');
    const before = app.session.state;
    await app.type(PC2);
    await app.press(keys.enter);
    expect(app.session.state).toBe(before);
    expect(app.lastFrame()).toContain('Step 1 cannot run:');
    expect(app.lastFrame()).toContain('step 1 of 7');

    const pc1 = await demoApp();
    await startProcedure(pc1, 'swap');
    frame = pc1.lastFrame();
    expect(frame).toContain('[ActiveServerFarFromDatabase]');
    await confirmStep(pc1);
    expect(pc1.lastFrame()).toContain('Every step ran.');
  });

  it('opens at : by name, and every opener is in the key table', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('failback');
    await app.press(keys.enter);
    expect(app.lastFrame()).toMatch(/› Fail back \(7 steps\)/);
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain(`Fail back ${PC1}: step 1 of 7`);
    await app.press(keys.esc);
    await app.press(':');
    await app.type('wizard');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain(`Wizard: pool ${PC1}`);
  });

  it('shows one step at 100x30', async () => {
    const app = await demoApp();
    await startProcedure(app, 'failover');
    for (let i = 0; i < 4; i++) await confirmStep(app);
    expect(app.lastFrame()).toMatchSnapshot();
  });

  it('fits 80x24 with its line and prompt pinned under a body that scrolls', async () => {
    const app = await demoApp(80, 24);
    await startProcedure(app, 'failover');
    for (let i = 0; i < 4; i++) await confirmStep(app);
    let frame = app.lastFrame();
    const lines = frame.split('\n');
    expect(lines).toHaveLength(23);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(frame).toContain('step 5 of 7');
    expect(frame).toMatch(/Runs: Set-CsPersistentChatState/);
    expect(frame).toContain(`Type ${PC1} to confirm:`);
    expect(frame).toMatch(/… \d+ more lines \(↓, PgDn\)/);
    await app.press(keys.pageDown, keys.pageDown, keys.pageDown);
    frame = app.lastFrame();
    expect(frame).toContain('chat8.dc2.example.org');
    expect(frame).toContain(`Type ${PC1} to confirm:`);
  });
});
