import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fingerprint, pchat, tempDir} from '../helpers/pchat-process.js';

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
const stateOf = (store: string): StateFile =>
  JSON.parse(fs.readFileSync(path.join(store, 'state.json'), 'utf8')) as StateFile;
const pc1 = (store: string): Pool => stateOf(store).topology.persistentChatPools.find((p) => p.fqdn === PC1)!;
const auditLines = (store: string): {command: string}[] =>
  fs
    .readFileSync(path.join(store, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as {command: string});
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
    expect(record.Steps.map((s) => s.Outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
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
    ).toEqual(record.Steps.map((s) => s.Line));
    const backups = pchat(['exec', '--store', store, '--json', 'Get-PcBackup']);
    expect((JSON.parse(backups.stdout) as unknown[]).length).toBe(5);

    const back = drill(store, 'failback', '--live', '--yes', '--json');
    expect(back.status).toBe(0);
    expect(report(back.stdout).Steps).toHaveLength(6);
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

  it('resumes a rehearsal killed at step 3 at step 3, on the same scratch copy, and finishes it', () => {
    const store = newStore();
    const before = outsideDrills(store);
    const killed = pchat(['drill', 'failover', '--store', store], {env: {PCHAT_DRILL_KILL_AT_STEP: '3'}});
    expect(killed.status).toBeNull();
    const [name] = fs.readdirSync(path.join(store, 'drills')).filter((n) => n.endsWith('.json'));
    const interrupted = JSON.parse(fs.readFileSync(path.join(store, 'drills', name!), 'utf8')) as {
      steps: {outcome: string; startedAt: string | null}[];
    };
    expect(interrupted.steps.map((s) => s.outcome)).toEqual(['ok', 'ok', 'running', 'pending', 'pending']);
    expect(fs.existsSync(path.join(store, 'drills', name!.replace('.json', '.rehearsal')))).toBe(true);

    const resumed = drill(store, 'failover', '--resume', '--json');
    expect(resumed.stderr).toContain('at step 3 of 5');
    expect(resumed.status).toBe(0);
    const record = report(resumed.stdout);
    expect(`${record.Identity}.json`).toBe(name);
    expect(record.Steps.map((s) => s.Outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(record.Steps[0]!.StartedAt).toBe(interrupted.steps[0]!.startedAt);
    expect(fs.readdirSync(path.join(store, 'drills'))).toEqual([name]);
    expect(outsideDrills(store)).toBe(before);
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
    expect(written).toContain('Step 1 of 5 failed: Remove log shipping from the backup database.');
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
