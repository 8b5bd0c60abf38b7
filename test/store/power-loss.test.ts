// Power lost at every step of a commit: whatever was not flushed is dropped (see PowerLoss in
// fault-layer.ts). The commit acknowledged before is never lost, the one in flight is there whole
// or not at all, and the store opens. PCHAT_STRESS=1 cuts every step of more kinds of commit, and
// PCHAT_STRESS_STORE starts the rounds from a generated store (starting-store.ts).

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Effect} from '../../src/domain/ports.js';
import {createStore, openStore, type FileStore, type FileStoreOptions} from '../../src/store/file-store.js';
import {PowerLoss} from './fault-layer.js';
import {NOW, addPolicy, message, removeDir, sampleState, tempDir} from './fixtures.js';
import {
  countMessages,
  fromGenerated,
  roundStore,
  startingStoreName,
  type Baseline,
} from './starting-store.js';

const stress = process.env['PCHAT_STRESS'] === '1';
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};
// On a generated store (under the stress suite) every round reopens and reads it whole.
const long = stress ? 3_600_000 : undefined;
const root = tempDir();
let cuts = 0;
const failures: string[] = [];
afterAll(() => {
  removeDir(root);
  if (stress)
    process.stdout.write(
      `stress: power-loss cuts on ${startingStoreName} ${cuts}, ${failures.length} failures\n`,
    );
});

/** The messages of one round, in a room of its own: the round's tag makes them new on a store gone on from. */
const roundMessage = (tag: string, n: number) => ({...message(n, `room-${tag}`), id: `${tag}-m${n}`});

/** One removal that deletes the round's first message and replaces its second one's text, kept in a removal backup. */
const removal = (tag: string): readonly Effect[] => [
  {kind: 'keepRemoved', rooms: [], categories: []},
  {
    kind: 'rewriteMessages',
    roomIds: [`room-${tag}`],
    rewrite: (m) => (m.id === `${tag}-m1` ? null : {...m, text: 'replaced'}),
  },
];

interface Kind {
  readonly effects: (tag: string) => readonly Effect[];
  /** The ids (after the tag) the round's room holds when the commit landed. */
  readonly messages: readonly string[];
  readonly removes?: boolean;
  readonly options?: FileStoreOptions;
}

const kinds: Record<string, Kind> = {
  'appends messages': {
    effects: (tag) => [{kind: 'appendMessages', messages: [roundMessage(tag, 4)]}],
    messages: ['m1', 'm3', 'm4'],
  },
  'takes a backup': {effects: () => [{kind: 'backup', reason: 'second'}], messages: ['m1', 'm3']},
  'records a removal': {
    effects: removal,
    messages: ['m3'],
    removes: true,
    options: {rewriteLogBelowBytes: 0, compactShare: 1000},
  },
  'compacts the message log in a removal': {
    effects: removal,
    messages: ['m3'],
    removes: true,
    options: {rewriteLogBelowBytes: 0, compactShare: 0},
  },
  ...(stress
    ? {
        'rewrites the message log': {
          effects: (tag: string) => [
            {kind: 'rewriteMessages', roomIds: [`room-${tag}`], rewrite: () => null},
          ],
          messages: [],
        },
      }
    : {}),
};

/**
 * One acknowledged commit (it adds `first-<tag>` and the round's two messages) on the store the
 * round then makes its second commit with; returns that store and the layer that watched it.
 */
async function acknowledged(
  dir: string,
  tag: string,
  more: FileStoreOptions = {},
): Promise<{layer: PowerLoss; store: FileStore}> {
  const layer = new PowerLoss();
  const store = await openStore(dir, {...options, ...more});
  await store.commit((fresh) => ({
    plan: addPolicy(fresh, `first-${tag}`, [
      {kind: 'appendMessages', messages: [roundMessage(tag, 1), roundMessage(tag, 3)]},
    ]),
    result: null,
  }));
  return {layer, store};
}

const second = (store: FileStore, tag: string, effects: readonly Effect[]) =>
  store.commit((fresh) => ({plan: addPolicy(fresh, `second-${tag}`, effects), result: null}));

const inRoom = (store: FileStore, tag: string) => [
  ...store.ports().messages.scan({roomIds: [`room-${tag}`]}),
];

const seqsTo = (revision: number) => Array.from({length: revision}, (_, i) => i + 1);

describe('a power loss during a commit', () => {
  it.each(Object.entries(kinds))(
    'at any step of one that %s loses no acknowledged commit and leaves a store that opens',
    async (kind, {effects, messages, removes, options: more}) => {
      const name = kind.replaceAll(' ', '-');
      // Cut at step 1, 2, ... until the commit needs fewer steps than the cut: that round's power
      // loss comes after it was acknowledged. (On a store gone on from, a commit's steps may differ
      // from round to round: the first removal creates the removal records, later ones append.)
      let carried: Baseline | null = null;
      let last = false;
      for (let k = 1; !last; k += 1) {
        const tag = `${name}-${k}`;
        const {dir, base} = await roundStore(root, name, k, carried, {now: () => NOW});
        const {layer, store: writer} = await acknowledged(dir, tag, more);
        layer.cutAfter(k);
        const outcome = await second(writer, tag, effects(tag)).then(
          () => null,
          (error: unknown) => error,
        );
        last = !layer.lost;
        writer.close();
        layer.rollBack();
        if (last) {
          expect(outcome).toBeNull();
          expect(k - 1).toBeGreaterThan(5);
        } else {
          expect(outcome).toBeInstanceOf(Error);
          cuts += 1;
        }
        try {
          const store = await openStore(dir, {...options, ...more});
          const state = await store.read();
          expect(state.policies.map((p) => p.identity)).toContain(`Tag:first-${tag}`);
          expect([base.revision + 1, base.revision + 2]).toContain(state.revision);
          const landed = state.revision === base.revision + 2;
          if (last) expect(landed).toBe(true);
          expect(state.policies.some((p) => p.identity === `Tag:second-${tag}`)).toBe(landed);
          expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual(seqsTo(state.revision));
          const shown = inRoom(store, tag);
          expect(shown.map((m) => m.id)).toEqual(
            (landed ? messages : ['m1', 'm3']).map((id) => `${tag}-${id}`),
          );
          // Nothing else in the log moved: the whole log reads, as long as before plus this round's.
          if (last || !fromGenerated) expect(countMessages(store)).toBe(base.messages + shown.length);
          if (removes) {
            expect(shown.at(-1)?.text).toBe(landed ? 'replaced' : 'message 3');
            // The removal's backup is there exactly when the removal is.
            expect(
              store
                .ports()
                .backups.list()
                .filter((b) => b.revision >= base.revision + 1)
                .map((b) => b.messages),
            ).toEqual(landed ? [2] : []);
            // Nothing of a removal undone may come into force with the next commit's revision.
            await store.commit((fresh) => ({plan: addPolicy(fresh, `third-${tag}`), result: null}));
            expect(inRoom(store, tag)).toEqual(shown);
          }
          const after = await store.read();
          carried = {
            revision: after.revision,
            policies: new Set(after.policies.map((p) => p.identity)),
            messages: base.messages + shown.length,
          };
        } catch (error) {
          failures.push(`${kind} cut at step ${k}`);
          throw error;
        }
      }
    },
    long ?? 60_000,
  );
});

/** The seqs audit.jsonl holds on disk, as written (not the entries a reader fills in from the records). */
const auditOnDisk = (dir: string): number[] =>
  fs
    .readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as {seq: number}).seq);

describe('a power loss around a commit that changes only the state (no journal, one fsync)', () => {
  it(
    'at any step loses no acknowledged commit; an entry that missed audit.jsonl is read from its record and written by the next commit',
    async () => {
      let carried: Baseline | null = null;
      let behind = 0;
      let last = false;
      for (let k = 1; !last; k += 1) {
        const tag = `state-only-${k}`;
        const {dir, base} = await roundStore(root, 'state-only', k, carried, {now: () => NOW});
        // The acknowledged commit is one without a journal too: its audit.jsonl append was never flushed.
        const layer = new PowerLoss();
        const first = await openStore(dir, options);
        await first.commit((fresh) => ({plan: addPolicy(fresh, `first-${tag}`), result: null}));
        layer.cutAfter(k);
        // Cut after its record, the commit happened: it may resolve.
        await second(first, tag, []).catch(() => undefined);
        first.close();
        // The round whose cut comes after the commit's last step is the last.
        last = !layer.lost;
        layer.rollBack();
        if (!last) cuts += 1;
        const store = await openStore(dir, options);
        const state = await store.read();
        expect(state.policies.map((p) => p.identity)).toContain(`Tag:first-${tag}`);
        expect([base.revision + 1, base.revision + 2]).toContain(state.revision);
        const seqs = seqsTo(state.revision);
        expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual(seqs);
        expect([...store.ports().audit.scan({limit: 1})].map((a) => a.seq)).toEqual([state.revision]);
        if (auditOnDisk(dir).length < state.revision) behind += 1;
        await store.commit((fresh) => ({plan: addPolicy(fresh, `third-${tag}`), result: null}));
        expect(auditOnDisk(dir)).toEqual([...seqs, state.revision + 1]);
        // These commits change no message: the count stays the baseline's.
        carried = {...base, revision: state.revision + 1};
      }
      // The window this test is about: the state has a revision whose entry audit.jsonl lost.
      expect(behind).toBeGreaterThan(0);
    },
    long,
  );

  it(
    'a checkpoint after such a loss keeps the entry in audit.jsonl, flushed',
    async () => {
      // From the sample store at every size: a checkpoint comes due when the state log passes a
      // sixteenth of state.json (2 MB of records on L), which checkpointBytes does not lower.
      const dir = path.join(root, 'state-only-checkpoint');
      await createStore(dir, sampleState(), [message(1)], options);
      const base = {revision: 0};
      const lost = new PowerLoss();
      const store = await openStore(dir, options);
      await store.commit((fresh) => ({plan: addPolicy(fresh, 'first'), result: null}));
      lost.cutAfter(1);
      lost.rollBack();
      expect(auditOnDisk(dir)).toEqual(seqsTo(base.revision));
      // Every commit is past the checkpoint size now: the next one folds the log into state.json.
      const layer = new PowerLoss();
      const next = await openStore(dir, {...options, checkpointBytes: 1});
      await next.commit((fresh) => ({plan: addPolicy(fresh, 'second'), result: null}));
      layer.cutAfter(1);
      layer.rollBack();
      expect(auditOnDisk(dir)).toEqual(seqsTo(base.revision + 2));
      const log = fs.readFileSync(path.join(dir, 'state-changes.jsonl'), 'utf8');
      expect(JSON.parse(log.split('\n')[0]!)).toMatchObject({checkpoint: {revision: base.revision + 2}});
      const reopened = await openStore(dir, options);
      expect((await reopened.read()).revision).toBe(base.revision + 2);
      expect([...reopened.ports().audit.scan({})].map((a) => a.seq)).toEqual(seqsTo(base.revision + 2));
    },
    long,
  );
});

describe('a power loss during a group commit (commits made with deferFlush)', () => {
  it(
    'keeps every commit up to the last flush and loses the ones after it, never one in between',
    async () => {
      const {dir, base} = await roundStore(root, 'group', 0, null, {now: () => NOW});
      const layer = new PowerLoss();
      const store = await openStore(dir, options);
      const add = (name: string) =>
        store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}), {deferFlush: true});
      for (const name of ['g1', 'g2', 'g3']) await add(name);
      await store.flush();
      for (const name of ['g4', 'g5']) await add(name);
      layer.cutAfter(1);
      layer.rollBack();
      const reopened = await openStore(dir, options);
      const state = await reopened.read();
      expect(state.revision).toBe(base.revision + 3);
      expect(state.policies.filter((p) => p.identity.startsWith('Tag:g')).map((p) => p.identity)).toEqual([
        'Tag:g1',
        'Tag:g2',
        'Tag:g3',
      ]);
      expect([...reopened.ports().audit.scan({})].map((a) => a.seq)).toEqual(seqsTo(base.revision + 3));
    },
    long,
  );
});
