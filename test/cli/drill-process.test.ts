import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {storeFiles} from '../../src/store/file-store.js';
import {acquireLock, releaseLock} from '../../src/store/lock.js';
import {DurableStateFile} from '../../src/store/state-file.js';
import {fingerprint, pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

interface StepObject {
  Number: number;
  Line: string;
  StartedAt: string | null;
  Outcome: string;
  Error: string | null;
}
interface DrillObject {
  Identity: string;
  Mode: string;
  Outcome: string;
  Seconds: number | null;
  Steps: StepObject[];
}
interface Pool {
  fqdn: string;
  poolState: string;
  activeServers: string[];
}
interface StateFile {
  revision: number;
  topology: {persistentChatPools: Pool[]};
}

const PC1 = 'pc1.dc1.example.org';
const dc2 = [
  'chat5.dc2.example.org',
  'chat6.dc2.example.org',
  'chat7.dc2.example.org',
  'chat8.dc2.example.org',
];

const newStore = (): string => {
  const store = path.join(tempDir('pchat-drill-'), 's');
  expect(pchat(['init', '--store', store]).status).toBe(0);
  return store;
};
const drill = (store: string, ...args: string[]) => pchat(['drill', ...args, '--store', store]);
const report = (stdout: string): DrillObject => JSON.parse(stdout) as DrillObject;
/** The state as the store reads it: state.json with the state log's changes applied. */
const stateOf = (store: string): StateFile =>
  new DurableStateFile(storeFiles(store).state).readSync() as unknown as StateFile;
const pc1 = (store: string): Pool => stateOf(store).topology.persistentChatPools.find((p) => p.fqdn === PC1)!;
const auditLines = (store: string): {command: string}[] =>
  fs
    .readFileSync(path.join(store, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as {command: string});
interface RecordFile {
  steps: {outcome: string; startedAt: string | null}[];
}
const records = (store: string): string[] =>
  fs.readdirSync(path.join(store, 'drills')).filter((n) => n.endsWith('.json'));
const recordOf = (store: string, name: string): RecordFile =>
  JSON.parse(fs.readFileSync(path.join(store, 'drills', name), 'utf8')) as RecordFile;

/** Holds the store's lock as another process would: commits wait for it. */
const holdStoreLock = (store: string) =>
  acquireLock(storeFiles(store), {timeoutMs: 1000, user: 'tester', host: os.hostname(), mode: 0o600});

/** `pchat drill` started in the background. */
const drillInBackground = (store: string, ...args: string[]): ChildProcess =>
  spawn(process.execPath, [pchatBin, 'drill', ...args, '--store', store], {
    env: {...process.env, PCHAT_STORE: '', CI: 'true'},
    stdio: 'ignore',
  });

/** Polls the store's only drill record until its step at `index` is running. */
async function untilRunning(store: string, index: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [name] = fs.existsSync(path.join(store, 'drills')) ? records(store) : [];
    if (name) {
      try {
        if (recordOf(store, name).steps[index]?.outcome === 'running') return name;
      } catch {
        // Read between a write and its rename: try again.
      }
    }
    if (Date.now() > deadline) throw new Error(`step ${index + 1} never started`);
    await sleep(20);
  }
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** The store's fingerprint without its drills/ folder. */
const outsideDrills = (store: string): string =>
  fingerprint(store)
    .split('\n')
    .filter((row) => !row.startsWith('drills/'))
    .join('\n');

describe('pchat drill as a real process', () => {
  it('rehearses the failover of pc1 and leaves the live store as it was but for the drill record', () => {
    const store = newStore();
    const before = fingerprint(store);
    const run = drill(store, 'failover', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const record = report(run.stdout);
    expect(record).toMatchObject({Mode: 'rehearsal', Outcome: 'succeeded'});
    expect(record.Steps.map((s) => s.Outcome)).toEqual([
      'ok',
      'acknowledged',
      'acknowledged',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(outsideDrills(store)).toBe(before);
    expect(fs.readdirSync(path.join(store, 'drills'))).toEqual([`${record.Identity}.json`]);
    expect(fs.statSync(path.join(store, 'drills', `${record.Identity}.json`)).mode & 0o777).toBe(0o600);
  });

  it('fails pc1 over live to dc2 with one audit entry per step, then fails it back', () => {
    const store = newStore();
    const start = pc1(store);
    const entries = auditLines(store).length;
    const stopped = drill(store, 'failover', '--live');
    expect(stopped.status).toBe(2);
    expect(stopped.stderr).toContain(
      'step 2 of 7 (Copy the backup files not yet copied) is SQL work the operator must acknowledge',
    );
    expect(stopped.stderr).toContain('--yes');
    expect(pc1(store).poolState).toBe('Normal');

    const run = drill(store, 'failover', '--live', '--resume', '--yes', '--json');
    expect(run.status).toBe(0);
    const record = report(run.stdout);
    expect(pc1(store)).toMatchObject({poolState: 'FailedOver', activeServers: dc2});
    expect(
      auditLines(store)
        .slice(entries)
        .map((e) => e.command),
    ).toEqual(record.Steps.map((s) => s.Line).filter(Boolean));
    const backups = pchat(['exec', '--store', store, '--json', 'Get-PcBackup']);
    expect((JSON.parse(backups.stdout) as unknown[]).length).toBe(5);

    const back = drill(store, 'failback', '--live', '--yes', '--json');
    expect(back.status).toBe(0);
    expect(report(back.stdout).Steps).toHaveLength(7);
    expect(pc1(store)).toEqual(start);
  });

  it('swaps live, changing the active set and the revision and nothing else', () => {
    const store = newStore();
    const before = stateOf(store);
    const run = drill(store, 'swap', '--live', '--yes');
    expect(run.status).toBe(0);
    const after = stateOf(store);
    const swapped = pc1(store).activeServers;
    expect(swapped).not.toEqual(
      before.topology.persistentChatPools.find((p) => p.fqdn === PC1)!.activeServers,
    );
    const expected = structuredClone(before);
    expected.revision = before.revision + 1;
    expected.topology.persistentChatPools.find((p) => p.fqdn === PC1)!.activeServers = swapped;
    expect(after).toEqual(expected);
  });

  it('resumes a live drill killed (kill -9) at step 4 at step 4, and finishes it', async () => {
    const store = newStore();
    // Steps 1-3 record and acknowledge; step 4 is the first to wait for the store's lock after that.
    expect(drill(store, 'failover', '--live').status).toBe(2);
    const lock = await holdStoreLock(store);
    const child = drillInBackground(store, 'failover', '--live', '--resume', '--yes');
    let name: string;
    try {
      name = await untilRunning(store, 3);
      child.kill('SIGKILL');
      await exited(child);
    } finally {
      releaseLock(storeFiles(store), lock);
    }
    expect(child.signalCode).toBe('SIGKILL');
    const interrupted = recordOf(store, name);
    expect(interrupted.steps.map((s) => s.outcome)).toEqual([
      'ok',
      'acknowledged',
      'acknowledged',
      'running',
      'pending',
      'pending',
      'pending',
    ]);
    expect(pc1(store).poolState).toBe('Normal');

    // The dead drill's lock names a pid that is gone: the resume takes it over.
    const resumed = drill(store, 'failover', '--live', '--resume', '--yes', '--json');
    expect(resumed.stderr).toContain('at step 4 of 7');
    expect(resumed.status).toBe(0);
    const record = report(resumed.stdout);
    expect(`${record.Identity}.json`).toBe(name);
    expect(record.Steps.map((s) => s.Outcome).slice(3)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(record.Steps[3]!.StartedAt).toBe(interrupted.steps[3]!.startedAt);
    expect(pc1(store)).toMatchObject({poolState: 'FailedOver', activeServers: dc2});
    expect(fs.readdirSync(path.join(store, 'drills'))).toEqual([name]);
  });

  it('refuses a second drill of the same pool while one runs, naming who holds it', async () => {
    const store = newStore();
    const lock = await holdStoreLock(store);
    const first = drillInBackground(store, 'failover', '--live', '--yes');
    try {
      await untilRunning(store, 0);
      const second = drill(store, 'failover', '--live', '--resume', '--yes');
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`A drill of ${PC1} is already running, held by`);
      expect(second.stderr).toContain(`(pid ${first.pid} on ${os.hostname()})`);
    } finally {
      releaseLock(storeFiles(store), lock);
    }
    expect(await exited(first)).toBe(0);
    expect(pc1(store)).toMatchObject({poolState: 'FailedOver', activeServers: dc2});
    expect(drill(store, 'swap').status).toBe(0);
  });

  it('leaves a down server out of the proposed active set', () => {
    const store = newStore();
    const run = drill(store, 'failover', '--fault', 'chat5.dc2.example.org', '--json');
    expect(run.status).toBe(0);
    const last = report(run.stdout).Steps.at(-1)!;
    expect(last.Line).toContain(
      '@{Replace="chat6.dc2.example.org","chat7.dc2.example.org","chat8.dc2.example.org"}',
    );
  });

  it('fails the failover at step 1 with dc2 down, exits 1 and writes the report naming it', () => {
    const store = newStore();
    const run = drill(store, 'failover', '--fault', 'dc2', '--report', 'failover.md');
    expect(run.status).toBe(1);
    const written = fs.readFileSync(path.join(store, 'exports', 'failover.md'), 'utf8');
    expect(written).toContain('Step 1 of 7 failed: Remove log shipping from the backup database.');
    expect(written).toContain('ERROR (TargetDown)');
    expect(written).toBe(run.stdout);
    const again = drill(store, 'failover', '--fault', 'dc2', '--report', 'failover.md');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(drill(store, 'failover', '--report', '../escape.md').status).toBe(3);
  });

  it('refuses faults on a live drill, and an unknown procedure, as usage errors', () => {
    const store = newStore();
    const before = fingerprint(store);
    expect(drill(store, 'failover', '--live', '--yes', '--fault', 'dc2').status).toBe(2);
    expect(drill(store, 'teleport').status).toBe(2);
    expect(fingerprint(store)).toBe(before);
  });

  it('lists the drills with Get-PcDrill, by pool', () => {
    const store = newStore();
    expect(drill(store, 'swap').status).toBe(0);
    expect(drill(store, 'failover', '--fault', 'dc2').status).toBe(1);
    const listed = pchat(['exec', '--store', store, '--json', `Get-PcDrill -Pool ${PC1}`]);
    expect(listed.status).toBe(0);
    const drills = JSON.parse(listed.stdout) as (DrillObject & {Procedure: string})[];
    expect(drills.map((d) => [d.Procedure, d.Mode, d.Outcome])).toEqual([
      ['swap', 'rehearsal', 'succeeded'],
      ['failover', 'rehearsal', 'failed'],
    ]);
    const other = pchat(['exec', '--store', store, '--json', 'Get-PcDrill -Pool pc2.dc2.example.org']);
    expect(JSON.parse(other.stdout)).toEqual([]);
  });
});
