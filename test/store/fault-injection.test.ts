// Every write, fsync and rename of a commit, of a store's creation, of a backup and of a restore is
// failed in turn (ENOSPC, EIO, EFBIG): afterwards the old store is byte-identical or the new one is
// complete, the store opens, and the message says which. PCHAT_STRESS=1 sweeps every code at every
// point, and a disk that stays full from each write on.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import type {Effect} from '../../src/domain/ports.js';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {SeamWrites, underFaults, type Fault, type FaultCode, type FaultOp} from './fault-layer.js';
import {NOW, addPolicy, message, removeDir, sampleState, tempDir} from './fixtures.js';
import {
  contents,
  countMessages,
  fromGenerated,
  roundStore,
  startingStoreName,
  type Baseline,
} from './starting-store.js';

const stress = process.env['PCHAT_STRESS'] === '1';
const CODES: readonly FaultCode[] = ['ENOSPC', 'EIO', 'EFBIG'];
const OPS: readonly FaultOp[] = ['write', 'fsync', 'rename'];
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};

/** What a step starts from: the store after its set-up. */
interface Before {
  readonly revision: number;
  readonly messages: number;
  readonly backups: ReadonlySet<string>;
  /** The policies the store held before the set-up. */
  readonly policies: readonly string[];
}

interface Scenario {
  /**
   * Prepares the round's store for its step (`tag` names what this round adds, so a store gone on
   * from takes it again), with `open` if the last point left one open on it; returns the messages it
   * added and the store it committed with, if any.
   */
  readonly setUp: (
    dir: string,
    tag: string,
    open: FileStore | null,
  ) => Promise<{added: number; store: FileStore | null}>;
  /** Runs the step on the store at `dir`, with the set-up's store if it left one open. */
  readonly step: (dir: string, tag: string, open: FileStore | null) => Promise<unknown>;
  /**
   * Throws unless the store holds the step's whole result (read by a store opened for it, which it
   * returns); returns how many messages the store must read.
   */
  readonly complete: (
    dir: string,
    tag: string,
    before: Before,
  ) => Promise<{messages: number; store: FileStore}>;
  /**
   * On a generated store, whether its points share one set-up (see Shared): a restore's takes a
   * backup of the whole store, 300 MB on L, which was most of a point's time.
   */
  readonly sharesSetUp?: boolean;
}

/**
 * The set-up the points of a scenario share on a generated store: its tag, what its step starts
 * from, and the hashes of the store's files then. A point that left the store byte-identical
 * (checked against these hashes, as every point is) hands the next point the very bytes its own
 * set-up would have made it start from, so the next step runs on the store as it is: it reads,
 * writes and is checked as it would be after a set-up of its own, and the backup it restores holds
 * what that set-up's would have held (the store before it). A point that completed the step hands
 * the next one nothing, and that one makes its own set-up.
 */
interface Shared {
  readonly tag: string;
  readonly before: Before;
  readonly bytes: Record<string, string>;
}

/**
 * Commits `plan` on the store at `dir` (opened for it unless `open` is given) and returns the store
 * (on L an open reads 33 MB of state).
 */
const commitOn = async (
  dir: string,
  plan: (fresh: ChatState) => ReturnType<typeof addPolicy>,
  open: FileStore | null = null,
) => {
  const store = open ?? (await openStore(dir, options));
  await store.commit((fresh) => ({plan: plan(fresh), result: null}));
  return store;
};

const withEffects = (tag: string, effects: readonly Effect[]) => (fresh: ChatState) =>
  addPolicy(fresh, `new-${tag}`, effects);

/** The round's messages: its first in a room of its own, its second in another. */
const roundMessage = (tag: string, n: number, room: 'a' | 'b') => ({
  ...message(n, `room-${room}-${tag}`),
  id: `${tag}-m${n}`,
});
const roundRooms = (tag: string) => [`room-a-${tag}`, `room-b-${tag}`];

const withMessages = async (dir: string, tag: string, open: FileStore | null) => {
  const store = await commitOn(
    dir,
    (fresh) =>
      addPolicy(fresh, `base-${tag}`, [
        {kind: 'appendMessages', messages: [roundMessage(tag, 1, 'a'), roundMessage(tag, 2, 'b')]},
      ]),
    open,
  );
  return {added: 2, store};
};

const committed = async (
  dir: string,
  tag: string,
  before: Before,
  messages: readonly string[],
  backups: number,
): Promise<{messages: number; store: FileStore}> => {
  const store = await openStore(dir, options);
  const state = await store.read();
  expect(state.revision).toBe(before.revision + 1);
  expect(state.policies.map((p) => p.identity)).toContain(`Tag:new-${tag}`);
  expect([...store.ports().messages.scan({roomIds: roundRooms(tag)})].map((m) => m.id)).toEqual(
    messages.map((id) => `${tag}-${id}`),
  );
  expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual(seqsTo(state.revision));
  expect(newBackups(store, before)).toHaveLength(backups);
  return {messages: before.messages - 2 + messages.length, store};
};

const seqsTo = (revision: number) => Array.from({length: revision}, (_, i) => i + 1);
const newBackups = (store: FileStore, before: Before) =>
  store
    .ports()
    .backups.list()
    .filter((b) => !before.backups.has(b.id));

const scenarios: Record<string, Scenario> = {
  'a commit that appends messages': {
    setUp: withMessages,
    step: (dir, tag, open) =>
      commitOn(
        dir,
        withEffects(tag, [{kind: 'appendMessages', messages: [roundMessage(tag, 3, 'a')]}]),
        open,
      ),
    complete: (dir, tag, before) => committed(dir, tag, before, ['m1', 'm2', 'm3'], 0),
  },
  'a commit that rewrites the message log': {
    setUp: withMessages,
    step: (dir, tag, open) =>
      commitOn(
        dir,
        withEffects(tag, [{kind: 'rewriteMessages', roomIds: [`room-b-${tag}`], rewrite: () => null}]),
        open,
      ),
    complete: (dir, tag, before) => committed(dir, tag, before, ['m1'], 0),
  },
  'a backup': {
    setUp: withMessages,
    step: (dir, tag, open) =>
      commitOn(dir, withEffects(tag, [{kind: 'backup', reason: 'before change'}]), open),
    complete: (dir, tag, before) => committed(dir, tag, before, ['m1', 'm2'], 1),
  },
  'a restore': {
    sharesSetUp: true,
    setUp: async (dir, tag, open) => {
      const kept = await commitOn(
        dir,
        (fresh) => addPolicy(fresh, `kept-${tag}`, [{kind: 'backup', reason: `keep ${tag}`}]),
        open,
      );
      const store = await commitOn(dir, (fresh) => addPolicy(fresh, `dropped-${tag}`), kept);
      return {added: 0, store};
    },
    step: async (dir, tag, open) => {
      const store = open ?? (await openStore(dir, options));
      const backup = store
        .ports()
        .backups.list()
        .find((b) => b.reason === `keep ${tag}`);
      return store.commit((fresh) => ({
        plan: {...addPolicy(fresh, `ignored-${tag}`), effects: [{kind: 'restoreBackup', id: backup!.id}]},
        result: null,
      }));
    },
    complete: async (dir, _tag, before) => {
      const store = await openStore(dir, options);
      const state = await store.read();
      expect(state.revision).toBe(before.revision + 1);
      expect(state.policies.map((p) => p.identity)).toEqual(before.policies);
      expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual(seqsTo(state.revision));
      expect(newBackups(store, before)).toHaveLength(1);
      // The backup was taken before the set-up, which added no message.
      return {messages: before.messages, store};
    },
  },
};

/** The creation of a store starts from no store, whatever the suite starts from. */
const creation: Scenario = {
  setUp: () => Promise.resolve({added: 0, store: null}),
  step: (dir) => createStore(dir, sampleState(), [message(1)], options),
  complete: async (dir) => {
    const store = await openStore(dir, options);
    expect((await store.read()).revision).toBe(0);
    expect([...store.ports().messages.scan({})].map((m) => m.id)).toEqual(['m1']);
    return {messages: 1, store};
  },
};

const root = tempDir();
let points = 0;
let unreached = 0;
const failures: string[] = [];
afterAll(() => {
  removeDir(root);
  if (unreached > 0)
    process.stdout.write(`fault-injection: ${unreached} faults past a step's calls, the step whole\n`);
  if (before > 0)
    process.stdout.write(
      `fault-injection: PCHAT_STRESS_FROM=${process.env['PCHAT_STRESS_FROM']} left out ${before} points before it\n`,
    );
  if (skipped > 0)
    process.stdout.write(
      `fault-injection: PCHAT_STRESS_STRIDE=${stride} skipped ${skipped} writes of a copy's blocks\n`,
    );
  if (stress)
    process.stdout.write(
      `stress: fault-injection points on ${startingStoreName}${stride > 1 ? ` (a copy's blocks: 1 in ${stride})` : ''} ${points}, ${failures.length} failures\n`,
    );
});

/**
 * PCHAT_STRESS_STRIDE=n keeps, of the writes of a block of a copy (1 MiB or more: a backup, a
 * restore or a rewrite copies a log a MiB a write, about 300 on L), the first, the last and every
 * n-th, and every other write, fsync and rename: a sweep that would take hours on L. The summary
 * counts the writes skipped.
 */
const stride = Number(process.env['PCHAT_STRESS_STRIDE'] ?? '1');
const COPY_BLOCK = 1 << 20;
let skipped = 0;

/** Whether the sweep tries the `nth` write, given the length of each write the probe made. */
function triesWrite(nth: number, lengths: readonly number[]): boolean {
  if (stride <= 1 || lengths[nth - 1]! < COPY_BLOCK) return true;
  const blocks = lengths.filter((length) => length >= COPY_BLOCK).length;
  const block = lengths.slice(0, nth).filter((length) => length >= COPY_BLOCK).length;
  return block === 1 || block === blocks || block % stride === 0;
}

/**
 * PCHAT_STRESS_FROM=op:n (write:536, fsync:1) starts the sweep at that point (every code of it), past
 * the points before it in the sweep's order, so that a sweep of hours on a generated store can be
 * taken up where another stopped, or one point tried again. Where every point before it left the
 * store as it was (a restore's, which share their set-up), the point runs on the bytes the whole
 * sweep reached it with. The summary counts the points left out.
 */
const sweepFrom = parseFrom(process.env['PCHAT_STRESS_FROM']);
let before = 0;

function parseFrom(text: string | undefined): {op: number; nth: number} | null {
  if (text === undefined) return null;
  const [op, nth] = text.split(':');
  const at = OPS.indexOf(op as FaultOp);
  if (at < 0 || !/^[1-9]\d*$/.test(nth ?? ''))
    throw new Error(`PCHAT_STRESS_FROM: expected op:n (write:536), got ${text}`);
  return {op: at, nth: Number(nth)};
}

/** Whether the sweep's start (PCHAT_STRESS_FROM) is at or before `fault`. */
function reached(fault: Fault): boolean {
  if (!sweepFrom) return true;
  const op = OPS.indexOf(fault.op);
  return op > sweepFrom.op || (op === sweepFrom.op && fault.nth >= sweepFrom.nth);
}

/** The faults to try: every point once (the code rotating), or under stress every code and a full disk. */
function faultsFor(counts: Record<FaultOp, number>, lengths: readonly number[]): Fault[] {
  const faults: Fault[] = [];
  let turn = 0;
  for (const op of OPS)
    for (let nth = 1; nth <= counts[op]; nth += 1) {
      if (op === 'write' && !triesWrite(nth, lengths)) {
        skipped += 1;
        continue;
      }
      const codes = stress ? CODES : [CODES[turn++ % CODES.length]!];
      for (const code of codes) faults.push({op, nth, code});
      if (stress && op === 'write') faults.push({op, nth, code: 'ENOSPC', persistent: true});
    }
  const kept = faults.filter(reached);
  before += faults.length - kept.length;
  return kept;
}

/**
 * Runs the scenario's set-up on the round's store (with `open`, the store the last point left open
 * on it, if any) and returns what its step starts from, and the store the step commits with (one
 * open a point: on L an open reads 33 MB of state; the checks after the step open their own).
 */
async function setUp(
  scenario: Scenario,
  dir: string,
  tag: string,
  carried: Baseline,
  open: FileStore | null = null,
): Promise<{before: Before; store: FileStore | null}> {
  const {added, store: committed} = await scenario.setUp(dir, tag, open);
  if (scenario === creation)
    return {before: {revision: 0, messages: 0, backups: new Set(), policies: []}, store: null};
  // What the set-up's own store read after its commit is what a new open reads.
  const store = committed ?? (await openStore(dir, options));
  const before = {
    revision: (await store.read()).revision,
    messages: carried.messages + added,
    backups: new Set(
      store
        .ports()
        .backups.list()
        .map((b) => b.id),
    ),
    policies: [...carried.policies],
  };
  return {before, store};
}

/** A fault point's store: its directory, the baseline it starts from, and a store open on it, if any. */
interface Round {
  readonly dir: string;
  readonly base: Baseline;
  readonly open: FileStore | null;
  /** The set-up the last point left the store at, when the scenario shares one. */
  readonly shared: Shared | null;
}

/**
 * One fault point on the round's store: its set-up (unless the round shares one), then the step
 * under the fault. Returns the baseline the store is left at (as before the step, or as after it)
 * for the next round, the store opened after the step to check it, which the next round's set-up
 * may commit with, and the shared set-up the store is left at, if any.
 */
async function check(
  name: string,
  scenario: Scenario,
  fault: Fault,
  round: Round,
  tag: string,
  seam: SeamWrites,
  last: boolean,
): Promise<{base: Baseline; store: FileStore | null; shared: Shared | null}> {
  const {dir, base: carried, shared} = round;
  const {before, store: prepared} = shared
    ? {before: shared.before, store: round.open}
    : await setUp(scenario, dir, tag, carried, round.open);
  const stepTag = shared?.tag ?? tag;
  // The set-up appended to the log (270 MB on L): only what it appended is read.
  const appended = seam.take();
  const bytes = shared?.bytes ?? contents(dir, appended);
  const {outcome, failed} = await underFaults(fault, () => scenario.step(dir, stepTag, prepared));
  const left = await checkStep(name, scenario, {dir, tag: stepTag, carried, before, bytes}, seam, last, {
    fault,
    outcome,
    failed,
  });
  // A step that left the store as its set-up made it leaves the next point that set-up; one that
  // completed leaves the next point to make its own.
  const shares = fromGenerated && scenario.sharesSetUp === true && left.isOld;
  return {...left, shared: shares ? {tag: stepTag, before, bytes} : null};
}

/** The checks after a fault point's step; see check(). */
async function checkStep(
  name: string,
  scenario: Scenario,
  point: {dir: string; tag: string; carried: Baseline; before: Before; bytes: Record<string, string>},
  seam: SeamWrites,
  last: boolean,
  {fault, outcome, failed}: {fault: Fault; outcome: unknown; failed: boolean},
): Promise<{base: Baseline; store: FileStore | null; isOld: boolean}> {
  const {dir, tag, carried, before, bytes} = point;
  const label = `${name}: ${fault.code} on ${fault.persistent ? 'every' : 'the'} ${fault.op} #${fault.nth}`;
  // On a store gone on from, a step may make fewer calls than the probe's did (the first removal
  // creates the removal records, later ones append to them): a fault past them is not a point, and
  // the step, which ran whole, must be complete. A new sample store each round makes the probe's calls.
  const past = !failed && fromGenerated;
  if (past) unreached += 1;
  else points += 1;
  try {
    expect(failed || past, `${label} was reached`).toBe(true);
    const error = outcome instanceof Error ? outcome : null;
    seam.take();
    const isOld = JSON.stringify(contents(dir)) === JSON.stringify(bytes);
    // The store opened after the step to check it, which then reads the whole log.
    let opened: {messages: number; store: FileStore | null} = {messages: before.messages, store: null};
    if (past) {
      expect(error, label).toBeNull();
      opened = await scenario.complete(dir, tag, before);
    } else if (isOld) {
      expect(error, `${label}: the store is unchanged, so the step must fail`).not.toBeNull();
      if (fs.existsSync(storeFiles(dir).state)) {
        expect(error!.message, label).toMatch(/^Not saved: /);
        opened.store = await openStore(dir, options);
      }
    } else if (!fs.existsSync(storeFiles(dir).state)) {
      // A creation cut short leaves no state.json, so no store: running it again succeeds.
      expect(error, label).not.toBeNull();
      expect(error!.message, label).toMatch(/^Not saved: /);
      await scenario.step(dir, tag, null);
      opened = await scenario.complete(dir, tag, before);
    } else {
      opened = await scenario.complete(dir, tag, before);
      if (error) expect(error.message, label).toMatch(/^Saved as revision \d+/);
    }
    const {messages} = opened;
    const leftovers = fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.journal'));
    expect(leftovers, label).toEqual([]);
    // Each creation starts from no store: there is nothing to go on from.
    if (scenario === creation) return {base: carried, store: null, isOld};
    const store = opened.store ?? (await openStore(dir, options));
    // The whole log reads, no message more or less than the step made.
    if (last || !fromGenerated) expect(countMessages(store), label).toBe(messages);
    const state = await store.read();
    return {
      base: {revision: state.revision, policies: new Set(state.policies.map((p) => p.identity)), messages},
      store,
      isOld,
    };
  } catch (error) {
    failures.push(label);
    throw error;
  }
}

describe('a failing write, fsync or rename', () => {
  it.each([...Object.entries(scenarios), ['the creation of a store', creation] as const])(
    'in %s leaves the old store byte-identical or the new one complete, and says which',
    async (name, scenario) => {
      const isCreation = scenario === creation;
      const slug = name.replaceAll(' ', '-');
      // A creation makes a new store each time; every other step starts from the suite's store
      // (roundStore: a new sample store each round, or one copy of a generated store gone on from).
      const storeFor = async (round: number, carried: Baseline | null) => {
        if (!isCreation) return roundStore(root, slug, round, carried, {now: () => NOW});
        const dir = path.join(root, `${slug}-${round}`);
        return {dir, base: {revision: 0, policies: new Set<string>(), messages: 0}};
      };
      const first = await storeFor(0, null);
      const probe = await setUp(scenario, first.dir, 'probe', first.base);
      const {counts, outcome, lengths} = await underFaults(null, () =>
        scenario.step(first.dir, 'probe', probe.store),
      );
      expect(outcome).not.toBeInstanceOf(Error);
      const {messages, store: checked} = await scenario.complete(first.dir, 'probe', probe.before);
      const faults = faultsFor(counts, lengths);
      // A sweep taken up late may have few points left; one with none started past the end.
      expect(faults.length).toBeGreaterThan(sweepFrom ? 0 : 5);
      const probed = await checked.read();
      let carried: Baseline = {
        revision: probed.revision,
        policies: new Set(probed.policies.map((p) => p.identity)),
        messages,
      };
      // The store the last check opened: the next set-up commits with it when it is on the same store.
      let open = {dir: first.dir, store: isCreation ? null : checked};
      let shared: Shared | null = null;
      if (isCreation) removeDir(first.dir);
      const seam = new SeamWrites();
      try {
        for (const [k, fault] of faults.entries()) {
          const {dir, base} = await storeFor(k + 1, carried);
          const same = open.dir === dir;
          const round = {dir, base, open: same ? open.store : null, shared: same ? shared : null};
          const left = await check(
            name,
            scenario,
            fault,
            round,
            `${slug}-${k + 1}`,
            seam,
            k === faults.length - 1,
          );
          carried = left.base;
          open = {dir, store: left.store};
          shared = left.shared;
        }
      } finally {
        seam.remove();
      }
    },
    // A whole sweep of a backup or a restore on L takes hours.
    stress ? 8 * 3_600_000 : 60_000,
  );
});
