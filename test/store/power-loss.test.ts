// Power lost at every step of a commit: whatever was not flushed is dropped (see PowerLoss in
// fault-layer.ts). The commit acknowledged before is never lost, the one in flight is there whole
// or not at all, and the store opens. PCHAT_STRESS=1 cuts every step of more kinds of commit.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Effect} from '../../src/domain/ports.js';
import {createStore, openStore, type FileStoreOptions} from '../../src/store/file-store.js';
import {PowerLoss} from './fault-layer.js';
import {NOW, addPolicy, message, removeDir, tempDir} from './fixtures.js';
import {sampleState} from './fixtures.js';

const stress = process.env['PCHAT_STRESS'] === '1';
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};
const root = tempDir();
let cuts = 0;
const failures: string[] = [];
afterAll(() => {
  removeDir(root);
  if (stress) process.stdout.write(`stress: power-loss cuts ${cuts}, ${failures.length} failures\n`);
});

/** One removal that deletes m1 and replaces m3's text, kept in a removal backup. */
const removal: readonly Effect[] = [
  {kind: 'keepRemoved', rooms: [], categories: []},
  {
    kind: 'rewriteMessages',
    roomIds: ['room-1'],
    rewrite: (m) => (m.id === 'm1' ? null : {...m, text: 'replaced'}),
  },
];

const kinds: Record<
  string,
  {effects: readonly Effect[]; messages: readonly string[]; options?: FileStoreOptions}
> = {
  'appends messages': {
    effects: [{kind: 'appendMessages', messages: [message(4)]}],
    messages: ['m1', 'm3', 'm4'],
  },
  'takes a backup': {effects: [{kind: 'backup', reason: 'second'}], messages: ['m1', 'm3']},
  'records a removal': {
    effects: removal,
    messages: ['m3'],
    options: {rewriteLogBelowBytes: 0, compactShare: 1000},
  },
  'compacts the message log in a removal': {
    effects: removal,
    messages: ['m3'],
    options: {rewriteLogBelowBytes: 0, compactShare: 0},
  },
  ...(stress
    ? {
        'rewrites the message log': {
          effects: [{kind: 'rewriteMessages', roomIds: ['room-1'], rewrite: () => null}],
          messages: [],
        },
      }
    : {}),
};

/** A store with one acknowledged commit; returns the layer that watched it. */
async function acknowledged(dir: string, more: FileStoreOptions = {}): Promise<PowerLoss> {
  await createStore(dir, sampleState(), [message(1)], {...options, ...more});
  const layer = new PowerLoss();
  const store = await openStore(dir, {...options, ...more});
  await store.commit((fresh) => ({
    plan: addPolicy(fresh, 'first', [{kind: 'appendMessages', messages: [message(3)]}]),
    result: null,
  }));
  return layer;
}

const second = (dir: string, effects: readonly Effect[], more: FileStoreOptions = {}) =>
  openStore(dir, {...options, ...more}).then((store) =>
    store.commit((fresh) => ({plan: addPolicy(fresh, 'second', effects), result: null})),
  );

describe('a power loss during a commit', () => {
  it.each(Object.entries(kinds))(
    'at any step of one that %s loses no acknowledged commit and leaves a store that opens',
    async (kind, {effects, messages, options: more}) => {
      const probeDir = path.join(root, `${kind}-probe`);
      const probe = await acknowledged(probeDir, more);
      const start = probe.count;
      await second(probeDir, effects, more);
      const steps = probe.count - start;
      probe.remove();
      expect(steps).toBeGreaterThan(5);
      for (let k = 1; k <= steps; k += 1) {
        const dir = path.join(root, `${kind}-${k}`);
        const layer = await acknowledged(dir, more);
        layer.cutAfter(k);
        await expect(second(dir, effects, more)).rejects.toThrow();
        layer.rollBack();
        cuts += 1;
        try {
          const store = await openStore(dir, {...options, ...more});
          const state = await store.read();
          expect(state.policies.map((p) => p.identity)).toContain('Tag:first');
          expect([1, 2]).toContain(state.revision);
          const landed = state.revision === 2;
          expect(state.policies.some((p) => p.identity === 'Tag:second')).toBe(landed);
          expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual(landed ? [1, 2] : [1]);
          const shown = [...store.ports().messages.scan({})];
          expect(shown.map((m) => m.id)).toEqual(landed ? messages : ['m1', 'm3']);
          if (effects === removal) {
            expect(shown.at(-1)?.text).toBe(landed ? 'replaced' : 'message 3');
            // The removal's backup is there exactly when the removal is.
            expect(
              store
                .ports()
                .backups.list()
                .map((b) => b.messages),
            ).toEqual(landed ? [2] : []);
            // Nothing of a removal undone may come into force with the next commit's revision.
            await store.commit((fresh) => ({plan: addPolicy(fresh, 'third'), result: null}));
            expect([...store.ports().messages.scan({})]).toEqual(shown);
          }
        } catch (error) {
          failures.push(`${kind} cut at step ${k}`);
          throw error;
        }
      }
    },
    stress ? 600_000 : 60_000,
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
  it('at any step loses no acknowledged commit; an entry that missed audit.jsonl is read from its record and written by the next commit', async () => {
    const probeDir = path.join(root, 'state-only-probe');
    await createStore(probeDir, sampleState(), [message(1)], options);
    const probe = new PowerLoss();
    const probeStore = await openStore(probeDir, options);
    await probeStore.commit((fresh) => ({plan: addPolicy(fresh, 'first'), result: null}));
    const start = probe.count;
    await second(probeDir, []);
    const steps = probe.count - start;
    probe.remove();
    let behind = 0;
    for (let k = 1; k <= steps; k += 1) {
      const dir = path.join(root, `state-only-${k}`);
      await createStore(dir, sampleState(), [message(1)], options);
      // The acknowledged commit is one without a journal too: its audit.jsonl append was never flushed.
      const layer = new PowerLoss();
      const first = await openStore(dir, options);
      await first.commit((fresh) => ({plan: addPolicy(fresh, 'first'), result: null}));
      layer.cutAfter(k);
      // Cut after its record, the commit happened: it may resolve.
      await second(dir, []).catch(() => undefined);
      layer.rollBack();
      cuts += 1;
      const store = await openStore(dir, options);
      const state = await store.read();
      expect(state.policies.map((p) => p.identity)).toContain('Tag:first');
      expect([1, 2]).toContain(state.revision);
      const seqs = Array.from({length: state.revision}, (_, i) => i + 1);
      expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual(seqs);
      expect([...store.ports().audit.scan({limit: 1})].map((a) => a.seq)).toEqual([state.revision]);
      if (auditOnDisk(dir).length < state.revision) behind += 1;
      await store.commit((fresh) => ({plan: addPolicy(fresh, 'third'), result: null}));
      expect(auditOnDisk(dir)).toEqual([...seqs, state.revision + 1]);
    }
    // The window this test is about: the state has a revision whose entry audit.jsonl lost.
    expect(behind).toBeGreaterThan(0);
  }, 60_000);

  it('a checkpoint after such a loss keeps the entry in audit.jsonl, flushed', async () => {
    const dir = path.join(root, 'state-only-checkpoint');
    await createStore(dir, sampleState(), [message(1)], options);
    const lost = new PowerLoss();
    const store = await openStore(dir, options);
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'first'), result: null}));
    lost.cutAfter(1);
    lost.rollBack();
    expect(auditOnDisk(dir)).toEqual([]);
    // Every commit is past the checkpoint size now: the next one folds the log into state.json.
    const layer = new PowerLoss();
    const next = await openStore(dir, {...options, checkpointBytes: 1});
    await next.commit((fresh) => ({plan: addPolicy(fresh, 'second'), result: null}));
    layer.cutAfter(1);
    layer.rollBack();
    expect(auditOnDisk(dir)).toEqual([1, 2]);
    const log = fs.readFileSync(path.join(dir, 'state-changes.jsonl'), 'utf8');
    expect(JSON.parse(log.split('\n')[0]!)).toMatchObject({checkpoint: {revision: 2}});
    const reopened = await openStore(dir, options);
    expect((await reopened.read()).revision).toBe(2);
    expect([...reopened.ports().audit.scan({})].map((a) => a.seq)).toEqual([1, 2]);
  });
});

describe('a power loss during a group commit (commits made with deferFlush)', () => {
  it('keeps every commit up to the last flush and loses the ones after it, never one in between', async () => {
    const dir = path.join(root, 'group');
    await createStore(dir, sampleState(), [message(1)], options);
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
    expect(state.revision).toBe(3);
    expect(state.policies.filter((p) => p.identity.startsWith('Tag:g')).map((p) => p.identity)).toEqual([
      'Tag:g1',
      'Tag:g2',
      'Tag:g3',
    ]);
    expect([...reopened.ports().audit.scan({})].map((a) => a.seq)).toEqual([1, 2, 3]);
  });
});
