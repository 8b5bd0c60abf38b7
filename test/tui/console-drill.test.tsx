import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {DrillRecord} from '../../src/domain/drills.js';
import {type ProcedureKind} from '../../src/domain/procedures.js';
import type {ChatState} from '../../src/domain/types.js';
import {consoleDrills} from '../../src/drills/console-drills.js';
import {runDrill} from '../../src/drills/run-drill.js';
import {drillReportMarkdown} from '../../src/lang/drill-report.js';
import {listDrillRecords} from '../../src/store/drill-records.js';
import {createStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {fingerprint} from '../helpers/pchat-process.js';
import {keys} from '../helpers/keys.js';
import type {RenderedApp} from '../helpers/render-app.js';
import {demoConsolesOnDisk, demoStore} from './demo-console.js';

const PC1 = 'pc1.dc1.example.org';
const dc = (n: number[]) => n.map((i) => `chat${i}.${i <= 4 ? 'dc1' : 'dc2'}.example.org`);

const onDisk = demoConsolesOnDisk('pchat-console-drill-');

/** The demo store on disk, opened in the console as `pchat` opens it: with its drills. */
const consoleOnDisk = (
  columns = 100,
  rows = 30,
  setup?: (store: FileStore) => Promise<void>,
  from?: string,
) =>
  onDisk({
    columns,
    rows,
    ...(setup ? {setup} : {}),
    ...(from ? {from} : {}),
    props: (store) => ({drills: consoleDrills(store)}),
  });

/** The live store's files but its drills/ folder. */
const outsideDrills = (dir: string): string =>
  fingerprint(dir)
    .split('\n')
    .filter((row) => !row.startsWith('drills/'))
    .join('\n');

const drillsOf = (dir: string): DrillRecord[] => listDrillRecords(storeFiles(dir));
const pc1 = (state: ChatState) => state.topology.persistentChatPools.find((p) => p.fqdn === PC1)!;

const OPENER: Readonly<Record<ProcedureKind, string>> = {failover: 'F', failback: 'B', swap: 'S'};

/** The first screen of the procedure, on Pools at pc1; `live` presses Tab to choose a live drill. */
async function firstScreen(app: RenderedApp, kind: ProcedureKind, live = false): Promise<void> {
  await app.press('1', OPENER[kind]);
  if (live) await app.press(keys.tab);
}

/** Confirms the step on screen as its screen asks. */
async function confirmStep(app: RenderedApp): Promise<void> {
  if (app.lastFrame().includes(`Type ${PC1} to confirm:`)) await app.type(PC1);
  await app.press(keys.enter);
}

async function runAll(app: RenderedApp, count: number, from = 1): Promise<void> {
  for (let i = from; i <= count; i++) {
    expect(app.lastFrame()).toContain(`step ${i} of ${count}`);
    await confirmStep(app);
  }
  expect(app.lastFrame()).toContain('Every step ran.');
}

/** The failover's command lines run on the store, so a failback has a failed-over pool to return. */
async function failedOver(store: FileStore): Promise<void> {
  const run = await runDrill(store, {
    procedure: 'failover',
    live: true,
    yes: true,
    faults: [],
    resume: false,
    user: 'admin',
  });
  expect(run.record.outcome).toBe('succeeded');
}

/**
 * The demo store failed over (a live failover run to the end), written once for the file and copied
 * by each test that starts a failback: running that failover took most of each failback test's time.
 */
let failedOverStore: Promise<string> | null = null;
const failedOverDir = (): Promise<string> =>
  (failedOverStore ??= (async () => {
    const demo = await demoStore();
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-console-drill-')), 's');
    const store = await createStore(dir, demo.state, demo.messages, {user: 'admin'});
    try {
      await failedOver(store);
    } finally {
      store.close();
    }
    return dir;
  })());
afterAll(async () => {
  if (failedOverStore) fs.rmSync(path.dirname(await failedOverStore), {recursive: true, force: true});
});

/** A console on a copy of the failed-over store, for a failback. */
const failedOverConsole = async (columns = 100, rows = 30) =>
  consoleOnDisk(columns, rows, undefined, await failedOverDir());

describe('the wizard runs drills on a store on disk', () => {
  it.each<[ProcedureKind, number]>([
    ['failover', 7],
    ['failback', 7],
    ['swap', 1],
  ])(
    'rehearses %s to the end, leaving the live store byte-identical but for its drill record',
    async (kind, count) => {
      const {app, dir} = await (kind === 'failback' ? failedOverConsole() : consoleOnDisk());
      const before = outsideDrills(dir);
      const drills = drillsOf(dir).length;
      await firstScreen(app, kind);
      expect(app.lastFrame()).toContain('Mode: rehearsal on a scratch copy');
      await app.press(keys.enter);
      expect(app.lastFrame()).toContain('(rehearsal): step 1 of');
      await runAll(app, count);
      await app.press(keys.enter);
      expect(outsideDrills(dir)).toBe(before);
      const records = drillsOf(dir);
      expect(records).toHaveLength(drills + 1);
      const record = records.find((d) => d.mode === 'rehearsal')!;
      expect(record).toMatchObject({
        procedure: kind,
        mode: 'rehearsal',
        outcome: 'succeeded',
        operator: 'admin',
      });
      expect(record.steps).toHaveLength(count);
      // The scratch copy is gone once the drill ended, and so is the pool's drill lock.
      expect(fs.readdirSync(path.join(dir, 'drills')).filter((n) => !n.endsWith('.json'))).toEqual([]);
    },
  );

  it('fails pc1 over and back live to the end, and records both drills', async () => {
    const {app, dir} = await consoleOnDisk();
    await firstScreen(app, 'failover', true);
    expect(app.lastFrame()).toContain('Mode: LIVE on the store');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('(live): step 1 of 7');
    await runAll(app, 7);
    await app.press(keys.enter);
    expect(pc1(app.session.state)).toMatchObject({poolState: 'FailedOver', activeServers: dc([5, 6, 7, 8])});
    await firstScreen(app, 'failback', true);
    await app.press(keys.enter);
    await runAll(app, 7);
    await app.press(keys.enter);
    expect(pc1(app.session.state)).toMatchObject({poolState: 'Normal', activeServers: dc([1, 2, 3, 4])});
    expect(drillsOf(dir).map((d) => [d.procedure, d.mode, d.outcome])).toEqual([
      ['failback', 'live', 'succeeded'],
      ['failover', 'live', 'succeeded'],
    ]);
    // The Drills pane lists the console's drills.
    await app.press('%');
    expect(app.lastFrame()).toMatch(/failback .* live +admin +succeeded +\d+ +7\/7/);
  });

  it.each<[ProcedureKind, number]>([
    ['failover', 7],
    ['failback', 7],
    ['swap', 1],
  ])(
    'leaves the live store byte-identical when a live %s is left at any of its %i steps',
    async (kind, count) => {
      for (let stop = 0; stop < count; stop++) {
        const {app, dir} = await (kind === 'failback' ? failedOverConsole() : consoleOnDisk());
        await firstScreen(app, kind, true);
        await app.press(keys.enter);
        for (let i = 0; i < stop; i++) await confirmStep(app);
        const before = outsideDrills(dir);
        const records = JSON.stringify(drillsOf(dir));
        await app.type('pc1');
        for (let i = 0; i <= stop; i++) await app.press(keys.esc);
        expect(app.lastFrame()).toContain('Wizard closed;');
        expect(outsideDrills(dir)).toBe(before);
        expect(JSON.stringify(drillsOf(dir))).toBe(records);
      }
    },
    120_000,
  );

  it('shows the acknowledgement steps, records them acknowledged with their time, and the report says so', async () => {
    const {app, dir} = await consoleOnDisk();
    await firstScreen(app, 'failover');
    await app.press(keys.enter);
    await confirmStep(app);
    const frame = app.lastFrame();
    expect(frame).toContain('step 2 of 7');
    expect(frame).toContain('On the SQL servers: Copy any backup files not yet copied');
    expect(frame).toContain('Runs: nothing; an acknowledgement of SQL work done by hand');
    expect(frame).toContain('Enter confirms this SQL work is done.');
    await app.press(keys.enter);
    const record = drillsOf(dir).at(-1)!;
    expect(record.steps[1]).toMatchObject({outcome: 'acknowledged', line: ''});
    expect(record.steps[1]?.endedAt).not.toBeNull();
    expect(drillReportMarkdown(record)).toContain(
      `| Copy the backup files not yet copied | acknowledged | 0.000 s | SQL step, acknowledged at ${record.steps[1]?.endedAt} |`,
    );
  });

  it('lets the operator change the proposed active servers, warns of far ones, and runs the edited list', async () => {
    const {app, dir} = await consoleOnDisk(100, 44);
    await firstScreen(app, 'failover', true);
    await app.press(keys.enter);
    for (let i = 0; i < 6; i++) await confirmStep(app);
    let frame = app.lastFrame();
    expect(frame).toContain('step 7 of 7');
    expect(frame).toContain('Active servers: 4 chosen, at most 4 live');
    expect(frame).toContain('[x] chat5.dc2.example.org');
    expect(frame).toContain('[ ] chat1.dc1.example.org');
    // chat1 (dc1, far from the backup database) on: five chosen, over the limit; chat5 off: four.
    await app.press(keys.space);
    frame = app.lastFrame();
    expect(frame).toContain('Active servers: 5 chosen, at most 4 live');
    expect(frame).toContain('[x] chat1.dc1.example.org  dc1  far from the database');
    expect(frame).toContain('Cannot run:');
    for (let i = 0; i < 4; i++) await app.press(keys.tab);
    await app.press(keys.space);
    frame = app.lastFrame();
    expect(frame).toContain('Active servers: 4 chosen, at most 4 live');
    expect(frame).toContain('[ActiveServerFarFromDatabase]');
    expect(frame).toContain('chat1.dc1.example.org","chat6.dc2.example.org');
    await confirmStep(app);
    expect(pc1(app.session.state).activeServers).toEqual([...dc([1]), ...dc([6, 7, 8])]);
    const step = drillsOf(dir).at(-1)!.steps[6]!;
    expect(step.line).toContain('@{Replace="chat1.dc1.example.org","chat6.dc2.example.org"');
    expect(step.warnings.map((w) => w.warningId)).toContain('ActiveServerFarFromDatabase');
  });

  it('offers an interrupted drill of the pool for resumption at the step it reached', async () => {
    const {app, dir} = await consoleOnDisk(100, 30, async (store) => {
      // A live drill that stopped before step 2: as one cut short there would.
      const run = await runDrill(store, {
        procedure: 'failover',
        live: true,
        yes: false,
        faults: [],
        resume: false,
        user: 'admin',
      });
      expect(run.needsYes?.number).toBe(2);
    });
    await app.press('1', 'w');
    expect(app.lastFrame()).toContain(
      'An unfinished live failover by admin stopped at step 2 of 7: r resumes it.',
    );
    await app.press('r');
    expect(app.lastFrame()).toContain('(live): step 2 of 7');
    await runAll(app, 7, 2);
    const [record] = drillsOf(dir);
    expect(record?.outcome).toBe('succeeded');
    expect(drillsOf(dir)).toHaveLength(1);
  });

  it('marks a data centre down in a rehearsal, and the checks react', async () => {
    const {app} = await consoleOnDisk();
    await firstScreen(app, 'failover');
    await app.press('f', 'f');
    expect(app.lastFrame()).toContain('Down in the copy: dc2');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('[TargetDown]');
  });

  it('shows its first screen and an acknowledgement step at 80x24', async () => {
    const {app} = await consoleOnDisk(80, 24);
    await firstScreen(app, 'failover');
    expect(app.lastFrame()).toMatchSnapshot();
    await app.press(keys.enter);
    await confirmStep(app);
    expect(app.lastFrame()).toMatchSnapshot();
  });
});
