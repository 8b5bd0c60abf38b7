// Power lost at every step of a commit: whatever was not flushed is dropped (see PowerLoss in
// fault-layer.ts). The commit acknowledged before is never lost, the one in flight is there whole
// or not at all, and the store opens. PCHAT_STRESS=1 cuts every step of more kinds of commit.

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
