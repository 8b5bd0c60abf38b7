// Drills on a PostgreSQL store: records in pchat_drills, listed by Get-PcDrill; one drill of a pool at
// a time through a session advisory lock that the server lets go of when the drill's process dies;
// rehearsals on a local copy that leave the database as it was but for the record.

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, describe, expect, it} from 'vitest';
import {consoleDrills} from '../../../src/drills/console-drills.js';
import {openPgStore} from '../../../src/store/pg/pg-store.js';
import {localDirOf, parseTarget} from '../../../src/store/pg/target.js';
import {psql} from '../../helpers/pg-cluster.js';
import {alive, childEnv, pchat, pchatBin, tempDir} from '../../helpers/pchat-process.js';
import {clusterBin, newDatabase} from '../../helpers/pg-test-cluster.js';

const PC1 = 'pc1.dc1.example.org';
const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
const env = {PCHAT_STATE_DIR: path.join(root, 'state')};

interface DrillObject {
  Identity: string;
  Mode: string;
  Outcome: string;
  Steps: {Outcome: string}[];
}

const newStore = (): string => {
  const url = newDatabase();
  const init = pchat(['init', '--store', url], {env});
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);
  return url;
};
const sql = (url: string, text: string): string => psql({bin: clusterBin()}, url, text).trim();
const drill = (url: string, ...args: string[]) => pchat(['drill', ...args, '--store', url], {env});
const getDrills = (url: string): DrillObject[] =>
  JSON.parse(pchat(['exec', '--store', url, '--json', 'Get-PcDrill'], {env}).stdout || '[]') as DrillObject[];
const stepOutcomes = (url: string): string[][] =>
  sql(url, 'SELECT body::text FROM pchat_drills ORDER BY started_at')
    .split('\n')
    .filter(Boolean)
    .map((row) => (JSON.parse(row) as {steps: {outcome: string}[]}).steps.map((s) => s.outcome));
/** Everything a store holds in the database but its drills: state, messages, audit log, backups. */
const contentOf = (url: string): string =>
  sql(
    url,
    `SELECT (SELECT revision FROM pchat_store),
            (SELECT md5(string_agg(name || body::text || revision, ',' ORDER BY name)) FROM pchat_collections),
            (SELECT count(*) || md5(coalesce(string_agg(body::text, ',' ORDER BY seq), '')) FROM pchat_messages),
            (SELECT count(*) || md5(coalesce(string_agg(body::text, ',' ORDER BY seq), '')) FROM pchat_audit),
            (SELECT count(*) FROM pchat_backups)`,
  );
// This database's advisory locks only: the other test files run on the same cluster at the same
// time, each on a database of its own, and their stores take advisory locks too.
const advisoryLocks = (url: string): number =>
  Number(
    sql(
      url,
      "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    ),
  );
const localDrills = (url: string): string =>
  path.join(localDirOf(parseTarget(url), {...process.env, ...env}), 'drills');

const FAILOVER_DONE = ['ok', 'acknowledged', 'acknowledged', 'ok', 'ok', 'ok', 'ok'];

describe('pchat drill on PostgreSQL', () => {
  it('records a live drill in the database, which Get-PcDrill lists', () => {
    const url = newStore();
    const run = drill(url, 'failover', '--live', '--yes', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const record = JSON.parse(run.stdout) as DrillObject;
    expect(record).toMatchObject({Mode: 'live', Outcome: 'succeeded'});
    expect(getDrills(url)).toEqual([record]);
    expect(stepOutcomes(url)).toEqual([FAILOVER_DONE]);
    const [pool] = JSON.parse(
      pchat(['exec', '--store', url, '--json', `Get-CsService -Identity ${PC1}`], {env}).stdout,
    ) as {PoolState: string}[];
    expect(pool?.PoolState).toBe('FailedOver');
    // The lock was let go when the drill ended.
    expect(advisoryLocks(url)).toBe(0);
    expect(sql(url, 'SELECT count(*) FROM pchat_drill_locks')).toBe('0');
  });

  it('rehearses on a local copy and leaves the database as it was but for the drill record', () => {
    const url = newStore();
    const before = contentOf(url);
    const run = drill(url, 'failover', '--fault', 'chat1.dc1.example.org', '--json');
    expect(run.stderr).toBe('');
    const record = JSON.parse(run.stdout) as DrillObject;
    expect(record.Mode).toBe('rehearsal');
    expect(record.Steps).toHaveLength(7);
    expect(contentOf(url)).toBe(before);
    expect(getDrills(url).map((d) => d.Identity)).toEqual([record.Identity]);
    // The scratch copy is gone once the rehearsal ended.
    expect(fs.readdirSync(localDrills(url))).toEqual([]);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('one drill of a pool at a time on PostgreSQL', () => {
  it('refuses a second drill while one waits on a terminal, and after kill -9 of the first, resumes it at its step', async () => {
    const url = newStore();
    // script(1) gives the drill a terminal: step 3 waits there for the operator, as long as it takes.
    const command = `node ${pchatBin} drill failover --live --store '${url}'`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {detached: true, env: childEnv(env)});
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const until = async (text: string): Promise<void> => {
      for (let waited = 0; !output.includes(text); waited += 50) {
        if (waited > 60_000) throw new Error(`never saw "${text}" in: ${output}`);
        await sleep(50);
      }
    };
    let holder: {pid: number; user: string; host: string};
    try {
      await until('Step 2 of 7');
      child.stdin.write('y\r');
      await until('Step 3 of 7');
      expect(stepOutcomes(url)).toEqual([
        ['ok', 'acknowledged', 'pending', 'pending', 'pending', 'pending', 'pending'],
      ]);
      holder = JSON.parse(sql(url, 'SELECT holder::text FROM pchat_drill_locks')) as typeof holder;
      expect(holder).toMatchObject({user: 'pchat', host: os.hostname()});
      expect(advisoryLocks(url)).toBe(1);

      const second = drill(url, 'failover', '--live', '--yes');
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(
        `A drill of ${PC1} is already running, held by pchat (pid ${holder.pid} on ${os.hostname()}) since `,
      );
      const rehearsal = drill(url, 'failback');
      expect(rehearsal.status).toBe(2);
      expect(rehearsal.stderr).toContain('is already running');

      process.kill(holder.pid, 'SIGKILL');
      while (alive(holder.pid)) await sleep(20);
    } finally {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
    // The server lets go of the dead drill's lock by itself: no file to remove, no wait for a timeout.
    for (let waited = 0; advisoryLocks(url) !== 0; waited += 50) {
      if (waited > 10_000) throw new Error('the killed drill still holds its lock');
      await sleep(50);
    }

    const resumed = drill(url, 'failover', '--live', '--resume', '--yes');
    expect(resumed.stderr).toContain('at step 3 of 7');
    expect(resumed.status).toBe(0);
    expect(stepOutcomes(url)).toEqual([FAILOVER_DONE]);
    expect(getDrills(url)).toHaveLength(1);
  }, 120_000);
});

describe("the console's drills on PostgreSQL", () => {
  it('runs a rehearsal one step at a time, offers it for resumption, and finishes it on the same copy', async () => {
    const url = newStore();
    const before = contentOf(url);
    const store = await openPgStore(url, {env: {...process.env, ...env}});
    try {
      const drills = consoleDrills(store);
      const start = {
        procedure: 'failover',
        pool: PC1,
        live: false,
        faults: [],
        user: 'pchat',
        now: () => new Date(),
      } as const;
      const first = await drills.open({...start, resume: false});
      await first.runStep(0);
      first.close();
      const unfinished = drills.unfinished(PC1);
      expect(unfinished?.id).toBe(first.record.id);
      expect(unfinished?.steps[0]?.outcome).toBe('ok');
      // An unfinished rehearsal keeps its copy, for the resumption.
      expect(fs.readdirSync(localDrills(url))).toEqual([`${first.record.id}.rehearsal`]);

      const again = await drills.open({...start, resume: true});
      expect(again.resumedAt).toBe(2);
      for (let index = again.next(); index !== null; index = again.next()) await again.runStep(index);
      again.close();
      expect(again.record.outcome).toBe('succeeded');
      expect(
        store
          .ports()
          .drills.list()
          .map((d) => d.outcome),
      ).toEqual(['succeeded']);
      expect(fs.readdirSync(localDrills(url))).toEqual([]);
      expect(contentOf(url)).toBe(before);
    } finally {
      store.close();
    }
  });
});
