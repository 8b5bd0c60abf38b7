// Every write, fsync and rename of a commit, of a store's creation, of a backup and of a restore is
// failed in turn (ENOSPC, EIO, EFBIG): afterwards the old store is byte-identical or the new one is
// complete, the store opens, and the message says which. PCHAT_STRESS=1 sweeps every code at every
// point, and a disk that stays full from each write on.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import type {Effect} from '../../src/domain/ports.js';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {underFaults, type Fault, type FaultCode, type FaultOp} from './fault-layer.js';
import {NOW, addPolicy, message, removeDir, sampleState, tempDir} from './fixtures.js';

const stress = process.env['PCHAT_STRESS'] === '1';
const CODES: readonly FaultCode[] = ['ENOSPC', 'EIO', 'EFBIG'];
const OPS: readonly FaultOp[] = ['write', 'fsync', 'rename'];
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};

/** Content of every file and directory under `dir` (no times: a rollback may touch them). */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, {withFileTypes: true})) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) {
        out[`${rel}/`] = 'directory';
        walk(full);
      } else out[rel] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

interface Scenario {
  /** Builds the store the step starts from (none for a creation). */
  readonly setUp: (dir: string) => Promise<void>;
  readonly step: (dir: string) => Promise<unknown>;
  /** Throws unless the store holds the step's whole result. */
  readonly complete: (dir: string) => Promise<void>;
}

const commitOn = (dir: string, plan: (fresh: ChatState) => ReturnType<typeof addPolicy>) =>
  openStore(dir, options).then((store) => store.commit((fresh) => ({plan: plan(fresh), result: null})));

const withEffects = (effects: readonly Effect[]) => (fresh: ChatState) => addPolicy(fresh, 'new', effects);

const baseStore = async (dir: string): Promise<void> => {
  await createStore(dir, sampleState(), [message(1), message(2, 'room-2')], options);
};

const committed = async (dir: string, messages: readonly string[], backups: number): Promise<void> => {
  const store = await openStore(dir, options);
  const state = await store.read();
  expect(state.revision).toBe(1);
  expect(state.policies.map((p) => p.identity)).toContain('Tag:new');
  expect([...store.ports().messages.scan({})].map((m) => m.id)).toEqual(messages);
  expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual([1]);
  expect(store.ports().backups.list()).toHaveLength(backups);
};

const scenarios: Record<string, Scenario> = {
  'a commit that appends messages': {
    setUp: baseStore,
    step: (dir) => commitOn(dir, withEffects([{kind: 'appendMessages', messages: [message(3)]}])),
    complete: (dir) => committed(dir, ['m1', 'm2', 'm3'], 0),
  },
  'a commit that rewrites the message log': {
    setUp: baseStore,
    step: (dir) =>
      commitOn(dir, withEffects([{kind: 'rewriteMessages', roomIds: ['room-2'], rewrite: () => null}])),
    complete: (dir) => committed(dir, ['m1'], 0),
  },
  'a backup': {
    setUp: baseStore,
    step: (dir) => commitOn(dir, withEffects([{kind: 'backup', reason: 'before change'}])),
    complete: (dir) => committed(dir, ['m1', 'm2'], 1),
  },
  'a restore': {
    setUp: async (dir) => {
      await baseStore(dir);
      await commitOn(dir, (fresh) => addPolicy(fresh, 'kept', [{kind: 'backup', reason: 'keep'}]));
      await commitOn(dir, (fresh) => addPolicy(fresh, 'dropped'));
    },
    step: async (dir) => {
      const store = await openStore(dir, options);
      const [backup] = store.ports().backups.list();
      return store.commit((fresh) => ({
        plan: {...addPolicy(fresh, 'ignored'), effects: [{kind: 'restoreBackup', id: backup!.id}]},
        result: null,
      }));
    },
    complete: async (dir) => {
      const store = await openStore(dir, options);
      const state = await store.read();
      expect(state.revision).toBe(3);
      expect(state.policies.map((p) => p.identity)).toEqual(['Global']);
      expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual([1, 2, 3]);
      expect(store.ports().backups.list()).toHaveLength(2);
    },
  },
  'the creation of a store': {
    setUp: () => Promise.resolve(),
    step: (dir) => createStore(dir, sampleState(), [message(1)], options),
    complete: async (dir) => {
      const store = await openStore(dir, options);
      expect((await store.read()).revision).toBe(0);
      expect([...store.ports().messages.scan({})].map((m) => m.id)).toEqual(['m1']);
    },
  },
};

const root = tempDir();
const fresh = (): string => path.join(fs.mkdtempSync(path.join(root, 'f-')), 'store');
let points = 0;
const failures: string[] = [];
afterAll(() => {
  removeDir(root);
  if (stress) process.stdout.write(`stress: fault-injection points ${points}, ${failures.length} failures\n`);
});

/** The faults to try: every point once (the code rotating), or under stress every code and a full disk. */
function faultsFor(counts: Record<FaultOp, number>): Fault[] {
  const faults: Fault[] = [];
  let turn = 0;
  for (const op of OPS)
    for (let nth = 1; nth <= counts[op]; nth += 1) {
      const codes = stress ? CODES : [CODES[turn++ % CODES.length]!];
      for (const code of codes) faults.push({op, nth, code});
      if (stress && op === 'write') faults.push({op, nth, code: 'ENOSPC', persistent: true});
    }
  return faults;
}

async function check(name: string, scenario: Scenario, fault: Fault): Promise<void> {
  const dir = fresh();
  await scenario.setUp(dir);
  const before = contents(dir);
  const {outcome, failed} = await underFaults(fault, () => scenario.step(dir));
  points += 1;
  const label = `${name}: ${fault.code} on ${fault.persistent ? 'every' : 'the'} ${fault.op} #${fault.nth}`;
  try {
    expect(failed, `${label} was reached`).toBe(true);
    const error = outcome instanceof Error ? outcome : null;
    const isOld = JSON.stringify(contents(dir)) === JSON.stringify(before);
    if (isOld) {
      expect(error, `${label}: the store is unchanged, so the step must fail`).not.toBeNull();
      if (fs.existsSync(storeFiles(dir).state)) {
        expect(error!.message, label).toMatch(/^Not saved: /);
        await openStore(dir, options);
      }
    } else if (!fs.existsSync(storeFiles(dir).state)) {
      // A creation cut short leaves no state.json, so no store: running it again succeeds.
      expect(error, label).not.toBeNull();
      expect(error!.message, label).toMatch(/^Not saved: /);
      await scenario.step(dir);
      await scenario.complete(dir);
    } else {
      await scenario.complete(dir);
      if (error) expect(error.message, label).toMatch(/^Saved as revision \d+/);
    }
    const leftovers = fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.journal'));
    expect(leftovers, label).toEqual([]);
  } catch (error) {
    failures.push(label);
    throw error;
  } finally {
    removeDir(path.dirname(dir));
  }
}

describe('a failing write, fsync or rename', () => {
  it.each(Object.entries(scenarios))(
    'in %s leaves the old store byte-identical or the new one complete, and says which',
    async (name, scenario) => {
      const dir = fresh();
      await scenario.setUp(dir);
      const {counts, outcome} = await underFaults(null, () => scenario.step(dir));
      expect(outcome).not.toBeInstanceOf(Error);
      await scenario.complete(dir);
      removeDir(path.dirname(dir));
      const faults = faultsFor(counts);
      expect(faults.length).toBeGreaterThan(5);
      for (const fault of faults) await check(name, scenario, fault);
    },
    stress ? 600_000 : 60_000,
  );
});
