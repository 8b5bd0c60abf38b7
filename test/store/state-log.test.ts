// The state log: a commit appends its change and leaves state.json alone; readers apply the log to
// the checkpoint; a checkpoint folds it in. Kill -9, torn records, checkpoints cut short, and two
// stores taking turns keep every guarantee of the store. The crash tests (checkpoints cut short, a
// power loss, kill -9) start from a generated store under the stress suite with PCHAT_STRESS_STORE
// (starting-store.ts) and assert what changed after its baseline.

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, afterEach, beforeEach, describe, expect, it, onTestFailed, vi} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {serializeState, sha256} from '../../src/store/state-file.js';
import {headerLine} from '../../src/store/state-log.js';
import {chatStateSchema} from '../../src/store/state-schema.js';
import {distDir} from '../helpers/pchat-process.js';
import {PowerLoss, underFaults} from './fault-layer.js';
import {NOW, addPolicy, audit, message, readLinesOf, removeDir, sampleState, tempDir} from './fixtures.js';
import {
  countMessages,
  fromGenerated,
  roundStore,
  startingStore,
  startingStoreName,
  type Baseline,
} from './starting-store.js';

const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 2000};
const workerScript = path.join(import.meta.dirname, 'workers', 'store-worker.js');
const hasStrace = spawnSync('strace', ['-V']).status === 0;

let root: string;
let dir: string;

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  await createStore(dir, sampleState(), [message(1)], options);
});
afterEach(() => removeDir(root));

const commit = (store: FileStore, name: string) =>
  store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));

/** inode, size and mtime: a file rewritten or replaced has another. */
const identity = (file: string): string => {
  const stat = fs.statSync(file, {bigint: true});
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
};

/** The revision of the log's checkpoint; the records the log keeps after it are all at or before it. */
const checkpointOf = (log: string): number => {
  const [header, ...records] = readLinesOf(log) as [
    {checkpoint: {revision: number}},
    ...{revisionAfter: number}[],
  ];
  const revision = header.checkpoint.revision;
  expect(records.filter((r) => r.revisionAfter > revision)).toEqual([]);
  return revision;
};

const policiesOf = async (options_: object = options): Promise<string[]> =>
  (await (await openStore(dir, options_)).read()).policies.map((p) => p.identity);

const stress = process.env['PCHAT_STRESS'] === '1';
// On a generated store a round reopens it, and a checkpoint writes its 33 MB state: the power-loss
// sweep on L cuts each of a checkpoint's hundreds of steps in a round of its own, which takes hours.
const long = fromGenerated ? 8 * 3_600_000 : undefined;
// A checkpoint is never due for a store opened with these.
const noCheckpoint = {...options, checkpointBytes: Number.MAX_SAFE_INTEGER};
const SAMPLE: Baseline = {revision: 0, policies: new Set(['Global']), messages: 1};
const seqsTo = (revision: number) => Array.from({length: revision}, (_, i) => i + 1);
// The power-loss cuts and kill -9 rounds, and the crash tests that failed, for the stress suite's summary.
let rounds = 0;
let failures = 0;
afterAll(() => {
  if (stress)
    process.stdout.write(
      `stress: state-log crash rounds on ${startingStoreName} ${rounds}, ${failures} failures\n`,
    );
});

/**
 * The store a crash test starts from: the one beforeEach made at `dir` (the sample state and one
 * message), or with PCHAT_STRESS_STORE a copy of the generated store in its place.
 */
async function crashStore(): Promise<Baseline> {
  onTestFailed(() => {
    failures += 1;
  });
  if (!fromGenerated) return SAMPLE;
  removeDir(dir);
  return startingStore(dir, {now: () => NOW});
}

/**
 * Makes the next commit's checkpoint due. A checkpoint comes due when the state log passes a
 * sixteenth of state.json (2 MB of records on L), which checkpointBytes does not lower: the sample
 * store's first record passes it, and on a generated store one commit that sets an attribute of
 * 20,000 users (without checkpointing itself) does. Returns the baseline after it.
 */
async function checkpointDue(at: string, base: Baseline): Promise<Baseline> {
  if (!fromGenerated) return base;
  const store = await openStore(at, noCheckpoint);
  const mark = `due-${base.revision}`;
  await store.commit((fresh) => ({
    plan: {
      state: {
        ...fresh,
        directory: {
          ...fresh.directory,
          users: fresh.directory.users.map((u, i) =>
            i < 20_000 ? {...u, attributes: {...u.attributes, checkpoint: mark}} : u,
          ),
        },
      },
      effects: [],
      audit: audit(`Set-CsUser -Checkpoint ${mark}`),
    },
    result: null,
  }));
  store.close();
  return {...base, revision: base.revision + 1};
}

describe('a commit', () => {
  it('appends one record to the state log and leaves state.json untouched', async () => {
    const files = storeFiles(dir);
    const checkpoint = identity(files.state);
    const bytes = fs.readFileSync(files.state);
    const store = await openStore(dir, options);
    await commit(store, 'a');
    await commit(store, 'b');
    expect(identity(files.state)).toBe(checkpoint);
    expect(fs.readFileSync(files.state)).toEqual(bytes);
    const lines = readLinesOf(files.stateLog);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({checkpoint: {revision: 0}});
    expect(lines.slice(1)).toMatchObject([
      {revisionBefore: 0, revisionAfter: 1, changes: [{path: ['policies'], splice: [1, 0]}]},
      {revisionBefore: 1, revisionAfter: 2, changes: [{path: ['policies'], splice: [2, 0]}]},
    ]);
    expect(await policiesOf()).toEqual(['Global', 'Tag:a', 'Tag:b']);
  });

  it('records a changed item alone, by its place in its list', async () => {
    const store = await openStore(dir, options);
    await store.commit((fresh) => ({
      plan: {
        ...addPolicy(fresh, 'x'),
        state: {
          ...fresh,
          policies: fresh.policies.map((p, i) => (i === 0 ? {...p, description: 'changed'} : p)),
        },
      },
      result: null,
    }));
    expect(readLinesOf(storeFiles(dir).stateLog).at(-1)).toMatchObject({
      changes: [{path: ['policies', 0], value: {identity: 'Global', description: 'changed'}}],
    });
    const reopened = await (await openStore(dir, options)).read();
    expect(reopened.policies[0]!.description).toBe('changed');
    expect(reopened).toEqual(await store.read());
  });
});

describe('a checkpoint', () => {
  it('folds the log into state.json once it passes its size, and the state reads the same', async () => {
    const files = storeFiles(dir);
    const store = await openStore(dir, {...options, checkpointBytes: 1500});
    const checkpoint = identity(files.state);
    let commits = 0;
    while (identity(files.state) === checkpoint && commits < 50) {
      await commit(store, `p${commits}`);
      commits += 1;
    }
    expect(commits).toBeGreaterThan(1);
    expect(commits).toBeLessThan(50);
    expect(checkpointOf(files.stateLog)).toBe(commits);
    const state = await (await openStore(dir, options)).read();
    expect(state.revision).toBe(commits);
    expect(state.policies).toHaveLength(commits + 1);
    expect(state).toEqual(await store.read());
  });

  it.each([
    ['before state.json is replaced', 1],
    ['after state.json is replaced, before its log is', 2],
  ])(
    'cut short %s leaves the state whole, and the next commit folds the log in',
    async (_name, renameOfCheckpoint) => {
      const base = await checkpointDue(dir, await crashStore());
      const files = storeFiles(dir);
      const store = await openStore(dir, {...options, checkpointBytes: 1});
      // A commit that only appends renames nothing; the checkpoint renames state.json, then the log.
      const {outcome, failed} = await underFaults({op: 'rename', nth: renameOfCheckpoint, code: 'EIO'}, () =>
        commit(store, 'a'),
      );
      expect(failed).toBe(true);
      expect(outcome).toMatchObject({committed: true, revision: base.revision + 1});
      expect(await policiesOf()).toEqual([...base.policies, 'Tag:a']);
      // On a generated store the log the first checkpoint failed to fold is due again.
      await commit(await openStore(dir, {...options, checkpointBytes: 1}), 'b');
      expect(checkpointOf(files.stateLog)).toBe(base.revision + 2);
      expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(await policiesOf()).toEqual([...base.policies, 'Tag:a', 'Tag:b']);
    },
    long,
  );

  it(
    'cut by a power loss at any step (of the commit or the checkpoint) leaves the acknowledged commits and a store that goes on',
    async () => {
      const start = {now: () => NOW, messages: [message(1)]};
      const second = async (at: string, tag: string) =>
        (await openStore(at, {...options, checkpointBytes: 1})).commit((fresh) => ({
          plan: addPolicy(fresh, `second${tag}`),
          result: null,
        }));
      // On the sample store every round starts from a new store, so the names need no tag.
      const tagOf = (k: number) => (fromGenerated ? `-${k}` : '');
      const acknowledged = async (at: string, base: Baseline, tag: string) => {
        const due = await checkpointDue(at, base);
        // Past its share on a generated store, the log must wait for the second commit's checkpoint.
        await commit(await openStore(at, noCheckpoint), `first${tag}`);
        return {due, layer: new PowerLoss()};
      };
      onTestFailed(() => {
        failures += 1;
      });
      const first = await roundStore(root, 'cut', 0, null, start);
      const probe = await acknowledged(first.dir, first.base, tagOf(0));
      const begin = probe.layer.count;
      await second(first.dir, tagOf(0));
      const steps = probe.layer.count - begin;
      probe.layer.remove();
      // Said up front, so whoever watches a sweep on a generated store knows how many rounds are coming.
      if (stress) process.stdout.write(`state-log power-loss sweep: ${steps} steps to cut, a round each\n`);
      expect(checkpointOf(storeFiles(first.dir).stateLog)).toBe(probe.due.revision + 2);
      let carried: Baseline = {
        ...probe.due,
        revision: probe.due.revision + 2,
        policies: new Set([...probe.due.policies, `Tag:first${tagOf(0)}`, `Tag:second${tagOf(0)}`]),
      };
      for (let k = 1; k <= steps; k += 1) {
        const tag = tagOf(k);
        const round = await roundStore(root, 'cut', k, carried, start);
        const {due: base, layer} = await acknowledged(round.dir, round.base, tag);
        layer.cutAfter(k);
        await second(round.dir, tag).catch(() => undefined);
        layer.rollBack();
        rounds += 1;
        const store = await openStore(round.dir, options);
        const state = await store.read();
        const ids = state.policies.map((p) => p.identity);
        const added = ids.slice(base.policies.size);
        expect(ids.slice(0, base.policies.size)).toEqual([...base.policies]);
        expect(added.slice(0, 1)).toEqual([`Tag:first${tag}`]);
        expect([base.revision + 1, base.revision + 2]).toContain(state.revision);
        const landed = state.revision === base.revision + 2;
        expect(added.includes(`Tag:second${tag}`)).toBe(landed);
        // An audit entry written before the cut, past the state, is not read, and the next commit cuts it.
        const seqs = (): number[] => [...store.ports().audit.scan({})].map((e) => e.seq);
        expect(seqs()).toEqual(seqsTo(state.revision));
        await commit(store, `third${tag}`);
        expect(seqs()).toEqual(seqsTo(state.revision + 1));
        expect(readLinesOf(storeFiles(round.dir).audit)).toHaveLength(state.revision + 1);
        // These commits change no message: the whole log reads as before, checked at the last round.
        if (k === steps || !fromGenerated) expect(countMessages(store)).toBe(base.messages);
        store.close();
        carried = {
          ...base,
          revision: state.revision + 1,
          policies: new Set([...base.policies, ...added, `Tag:third${tag}`]),
        };
      }
    },
    long,
  );
});

describe('a record cut short', () => {
  it('is no part of the state, and the next commit writes over it', async () => {
    const files = storeFiles(dir);
    const store = await openStore(dir, options);
    await commit(store, 'a');
    const size = fs.statSync(files.stateLog).size;
    fs.appendFileSync(files.stateLog, '{"revisionBefore":1,"revisionAfter":2,"grows":0,"chan');
    expect((await (await openStore(dir, options)).read()).revision).toBe(1);
    await commit(await openStore(dir, options), 'b');
    expect(readLinesOf(files.stateLog)).toHaveLength(3);
    expect(fs.readFileSync(files.stateLog, 'utf8').slice(size)).toMatch(/^\{"revisionBefore":1,.*\}\n$/);
    expect(await policiesOf()).toEqual(['Global', 'Tag:a', 'Tag:b']);
  });
});

describe('a damaged state log', () => {
  it.each([
    ['a record whose value does not fit the schema', {path: ['rooms', 0], value: {name: 5}}, /rooms\.0/],
    ['a record that changes what is not part of the state', {path: ['isAdmin'], value: true}, /isAdmin/],
    ['a record past the end of a list', {path: ['rooms', 99], value: null}, /rooms\.99/],
  ])('is refused when it holds %s, naming the log and the line', async (_name, change, reason) => {
    const files = storeFiles(dir);
    fs.appendFileSync(
      files.stateLog,
      `${JSON.stringify({revisionBefore: 0, revisionAfter: 1, grows: 0, changes: [change]})}\n`,
    );
    const error = await openStore(dir, options).catch((e: unknown) => e);
    expect(error).toMatchObject({code: 'StoreDamaged', path: files.stateLog});
    expect((error as Error).message).toMatch(/line 2 \(byte offset \d+\)/);
    expect((error as Error).message).toMatch(reason);
  });

  it('is refused when a record does not follow the revision before it', async () => {
    const files = storeFiles(dir);
    fs.appendFileSync(
      files.stateLog,
      `${JSON.stringify({revisionBefore: 3, revisionAfter: 4, grows: 0, changes: []})}\n`,
    );
    await expect(openStore(dir, options)).rejects.toMatchObject({
      code: 'StoreDamaged',
      path: files.stateLog,
      message: expect.stringMatching(
        /from revision 3 to 4, but the state before it is at revision 0/,
      ) as unknown,
    });
  });
});

describe('two stores taking turns', () => {
  it("each see the other's changes, across checkpoints, reading only what is new", async () => {
    const a = await openStore(dir, {...options, checkpointBytes: 600});
    const b = await openStore(dir, {...options, checkpointBytes: 600});
    for (let i = 0; i < 12; i += 1) {
      const [mine, theirs] = i % 2 === 0 ? [a, b] : [b, a];
      const before = await theirs.read();
      await commit(mine, `turn${i}`);
      const after = await theirs.read();
      expect(after.revision).toBe(i + 1);
      expect(after.policies.at(-1)!.identity).toBe(`Tag:turn${i}`);
      // What the commit did not change is the very object the other store already held, even when
      // the commit was followed by a checkpoint: the new log keeps the last records.
      expect(after.topology).toBe(before.topology);
      expect(await mine.read()).toEqual(after);
    }
    expect(checkpointOf(storeFiles(dir).stateLog)).toBeGreaterThan(0);
  });

  it('a store that follows with a watch goes on from the state it holds across a checkpoint it fell far behind', async () => {
    const files = storeFiles(dir);
    const writer = await openStore(dir, {...options, checkpointBytes: 96 * 1024});
    const follower = await openStore(dir, options);
    const stop = follower.watch(() => undefined);
    const before = await follower.read();
    const checkpoint = identity(files.state);
    let commits = 0;
    while (identity(files.state) === checkpoint && commits < 1000) await commit(writer, `p${(commits += 1)}`);
    // More records than the new log keeps: without the old log, only state.json has them.
    expect(checkpointOf(files.stateLog)).toBe(commits);
    expect(readLinesOf(files.stateLog).length).toBeLessThan(commits);
    await commit(writer, 'after');
    const after = await follower.read();
    expect(after).toEqual(await (await openStore(dir, options)).read());
    expect(after.revision).toBe(commits + 1);
    expect(after.topology).toBe(before.topology);
    stop();
    writer.close();
    follower.close();
  });

  it('a store that follows with a watch reads many new records a slice at a time, with turns of the event loop between', async () => {
    const writer = await openStore(dir, noCheckpoint);
    const follower = await openStore(dir, noCheckpoint);
    const stop = follower.watch(() => undefined);
    const before = await follower.read();
    for (let i = 0; i < 100; i += 1) await commit(writer, `p${i}`);
    let turns = 0;
    let reading = true;
    const tick = (): void => {
      if (!reading) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const after = await follower.read();
    reading = false;
    // A key that arrives meanwhile is answered between two slices, not after all 100 records.
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(after).toEqual(await (await openStore(dir, noCheckpoint)).read());
    expect(after.revision).toBe(100);
    expect(after.topology).toBe(before.topology);
    stop();
    writer.close();
    follower.close();
  });

  it('a store that follows with a watch reports a damaged record past its first slices as a cold read does', async () => {
    const files = storeFiles(dir);
    const writer = await openStore(dir, noCheckpoint);
    const follower = await openStore(dir, noCheckpoint);
    const stop = follower.watch(() => undefined);
    await follower.read();
    for (let i = 0; i < 40; i += 1) await commit(writer, `p${i}`);
    fs.appendFileSync(
      files.stateLog,
      `${JSON.stringify({revisionBefore: 40, revisionAfter: 41, grows: 0, changes: [{path: ['rooms', 0], value: {name: 5}}]})}\n`,
    );
    const cold = await openStore(dir, noCheckpoint).catch((e: unknown) => e);
    const followed = await follower.read().catch((e: unknown) => e);
    expect(followed).toMatchObject({code: 'StoreDamaged', path: files.stateLog});
    expect((followed as Error).message).toBe((cold as Error).message);
    stop();
    writer.close();
    follower.close();
  });

  it(
    'as two processes killed with -9 at random moments, across checkpoints, lose no acknowledged commit',
    async () => {
      const start = await crashStore();
      let base = start;
      let lastAck = base.revision;
      // The commits that set users' attributes to make a checkpoint due on a generated store: no policy.
      let dueCommits = 0;
      for (let round = 0; round < 6; round += 1) {
        if (fromGenerated) {
          const due = await checkpointDue(dir, base);
          dueCommits += due.revision - base.revision;
          base = due;
        }
        const worker = startWorker({task: 'forever', name: `r${round}`, checkpointBytes: 3000});
        await worker.ready;
        await sleep(40 + Math.random() * 120);
        worker.child.kill('SIGKILL');
        await worker.exited;
        lastAck = Math.max(lastAck, ...worker.acks);
        const store = await openStore(dir, options);
        const state = await store.read();
        expect(chatStateSchema.safeParse(state).success).toBe(true);
        expect(state.revision).toBeGreaterThanOrEqual(lastAck);
        const seqs = [...store.ports().audit.scan({})].map((e) => e.seq);
        expect(seqs).toEqual(seqsTo(state.revision));
        expect(state.policies).toHaveLength(
          start.policies.size + state.revision - start.revision - dueCommits,
        );
        base = {...base, revision: state.revision};
        rounds += 1;
      }
    },
    long ?? 60_000,
  );
});

describe('a reader holding a state, across a checkpoint', () => {
  // A reader that holds a state goes on by the records written since, whenever they say the state:
  // wherever its reads fall between a checkpoint's two renames, and however long those are apart. A
  // state.json replaced otherwise is still read whole. Reading whole makes every object of the state
  // new, so `topology` being the very object held before shows that it was not.
  afterEach(() => vi.restoreAllMocks());

  /**
   * A checkpoint of the writer's state made by hand, as checkpoint.ts makes one (the new log keeps the
   * old one's records), so that reads can fall between its two renames. Returns the two renames.
   */
  async function checkpointByHand(writer: FileStore): Promise<{state: () => void; log: () => void}> {
    const files = storeFiles(dir);
    const state = await writer.read();
    const text = serializeState(state);
    const header = headerLine({
      revision: state.revision,
      sha256: sha256(text),
      bytes: Buffer.byteLength(text),
    });
    const records = fs.readFileSync(files.stateLog, 'utf8').split('\n').slice(1).join('\n');
    fs.writeFileSync(`${files.state}.next`, text, {mode: 0o600});
    fs.writeFileSync(`${files.stateLog}.next`, header + records, {mode: 0o600});
    return {
      state: () => fs.renameSync(`${files.state}.next`, files.state),
      log: () => fs.renameSync(`${files.stateLog}.next`, files.stateLog),
    };
  }

  /**
   * A writer and a reader of the store (following it with a watch when `follow`), the reader holding
   * revision 0, the writer having committed policies a, b and c since. `done` closes both.
   */
  async function readerBehind(follow: boolean) {
    const writer = await openStore(dir, options);
    const reader = await openStore(dir, options);
    const stop = follow ? reader.watch(() => undefined) : () => undefined;
    const before = await reader.read();
    for (const name of ['a', 'b', 'c']) await commit(writer, name);
    const done = (): void => {
      stop();
      writer.close();
      reader.close();
    };
    return {writer, reader, before, done};
  }

  /** `state` is what a reader starting cold reads, at `revision`, and `policies` when given. */
  async function expectRead(state: ChatState, revision: number, policies?: readonly string[]): Promise<void> {
    expect(state).toEqual(await (await openStore(dir, options)).read());
    expect(state.revision).toBe(revision);
    if (policies) expect(state.policies.map((p) => p.identity)).toEqual(policies);
  }

  it('a store that follows with a watch, reading after the first rename of a checkpoint and long before the second, goes on by the records of the log it holds', async () => {
    const {writer, reader, before, done} = await readerBehind(true);
    const renames = await checkpointByHand(writer);
    renames.state();
    const between = await reader.read();
    await expectRead(between, 3, ['Global', 'Tag:a', 'Tag:b', 'Tag:c']);
    expect(between.topology).toBe(before.topology);
    renames.log();
    await commit(writer, 'd');
    const after = await reader.read();
    await expectRead(after, 4);
    expect(after.topology).toBe(before.topology);
    done();
  });

  it('a store that reads while a checkpoint replaces both files goes on by the records of the new log', async () => {
    const {writer, reader, before, done} = await readerBehind(false);
    const renames = await checkpointByHand(writer);
    // Both renames come while the reader reads the log it read before: it reads that log's records,
    // then finds another log and another state.json.
    const readSync = fs.readSync;
    vi.spyOn(fs, 'readSync').mockImplementationOnce((...args: Parameters<typeof fs.readSync>) => {
      renames.state();
      renames.log();
      return readSync(...args);
    });
    const after = await reader.read();
    expect(fs.existsSync(`${storeFiles(dir).stateLog}.next`)).toBe(false);
    await expectRead(after, 3);
    expect(after.topology).toBe(before.topology);
    done();
  });

  it('a store that follows with a watch reads whole a state.json replaced beside the log it holds by one that is not its checkpoint', async () => {
    const files = storeFiles(dir);
    const {reader, done} = await readerBehind(true);
    const held = await reader.read();
    // Another state at another revision, as a restore writes before it replaces the log.
    const restored = {...held, revision: 4, policies: held.policies.slice(0, 1)};
    fs.writeFileSync(`${files.state}.next`, serializeState(restored), {mode: 0o600});
    fs.renameSync(`${files.state}.next`, files.state);
    await expectRead(await reader.read(), 4, ['Global']);
    done();
  });
});

describe.skipIf(!hasStrace)('a process killed with -9', () => {
  it(
    'after its state record, before removing its journal, leaves a commit the next open finishes',
    async () => {
      const base = await crashStore();
      const files = storeFiles(dir);
      const args = JSON.stringify({build: distDir, dir, task: 'once', name: 'once', user: 'worker'});
      // strace kills the worker as it calls unlink on the journal: after the commit point, before the end.
      const run = spawnSync(
        'strace',
        [
          '-f',
          '-qq',
          '-P',
          files.journal,
          '-e',
          'trace=unlink,unlinkat',
          '-e',
          'inject=unlink,unlinkat:signal=KILL',
          process.execPath,
          workerScript,
          args,
        ],
        {encoding: 'utf8'},
      );
      expect(run.stdout).not.toContain('ack');
      expect(fs.existsSync(files.journal)).toBe(true);
      expect(readLinesOf(files.stateLog).at(-1)).toMatchObject({
        revisionBefore: base.revision,
        revisionAfter: base.revision + 1,
      });
      const store = await openStore(dir, options);
      expect(fs.existsSync(files.journal)).toBe(false);
      const state = await store.read();
      expect(state.revision).toBe(base.revision + 1);
      expect(state.policies.map((p) => p.identity)).toEqual([...base.policies, 'Tag:once']);
      expect([...store.ports().audit.scan({})].map((e) => e.seq)).toEqual(seqsTo(base.revision + 1));
      const messages = [...store.ports().messages.scan({})].map((m) => m.id);
      expect(messages).toHaveLength(base.messages + 1);
      expect(messages.at(-1)).toBe('once');
      rounds += 1;
    },
    long,
  );
});

describe('the watch', () => {
  it('fires on a commit that only appends to the state log', async () => {
    const files = storeFiles(dir);
    const mine = await openStore(dir, {...options, pollIntervalMs: 20});
    const theirs = await openStore(dir, options);
    let calls = 0;
    mine.watch(() => (calls += 1));
    const checkpoint = identity(files.state);
    await commit(theirs, 'other');
    for (let waited = 0; calls === 0 && waited < 5000; waited += 5) await sleep(5);
    expect(calls).toBe(1);
    expect(identity(files.state)).toBe(checkpoint);
    expect((await mine.read()).policies.map((p) => p.identity)).toEqual(['Global', 'Tag:other']);
    mine.close();
    theirs.close();
  });
});

function startWorker(args: Record<string, unknown>) {
  const child = spawn(
    process.execPath,
    [workerScript, JSON.stringify({build: distDir, dir, user: 'worker', ...args})],
    {stdio: ['ignore', 'pipe', 'ignore']},
  );
  const acks: number[] = [];
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  readline.createInterface({input: child.stdout}).on('line', (line) => {
    if (line === 'ready') ready();
    if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  void exited.then(ready);
  return {child, acks, ready: readyPromise, exited};
}
