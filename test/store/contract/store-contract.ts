// The store contract: one set of tests that every adapter behind the store port must pass (the file
// store and the PostgreSQL store run it). Each adapter's test file says how to make a store and how
// a writer process reaches it.

import {spawn} from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import type {ChatMessage, ChatState, Room} from '../../../src/domain/types.js';
import {CmdletError} from '../../../src/domain/errors.js';
import type {StorePort} from '../../../src/store/port.js';
import {chatStateSchema} from '../../../src/store/state-schema.js';
import {Session} from '../../../src/session.js';
import {distDir} from '../../helpers/pchat-process.js';
import {addPolicy, audit, message, sampleState} from '../fixtures.js';

const STRESS = process.env['PCHAT_STRESS'] === '1';
const KILLS = STRESS ? 60 : 4;

export interface StoreUnderTest {
  readonly name: string;
  /** A new store holding the state and messages: `open` gives another handle, as another process has. */
  create(
    state: ChatState,
    messages: readonly ChatMessage[],
  ): Promise<{store: StorePort; open: () => Promise<StorePort>; where: Record<string, unknown>}>;
}

const room = (id: string): Room => ({
  id,
  name: id,
  poolFqdn: 'pc1.dc1.example.org',
  categoryId: 'cat-1',
  description: null,
  type: 'Normal',
  privacy: 'Closed',
  invitations: 'Inherit',
  disabled: false,
  addinId: null,
  members: [],
  managers: [],
  presenters: [],
  rev: 0,
});

const messages = Array.from({length: 12}, (_, i) => message(i + 1, `room-${i % 3}`));
const ids = (items: Iterable<ChatMessage>): string[] => [...items].map((m) => m.id);

export function storeContract(subject: StoreUnderTest): void {
  describe(`the store contract on ${subject.name}`, () => {
    const open: StorePort[] = [];
    const make = async (state = sampleState(), initial: readonly ChatMessage[] = messages) => {
      const made = await subject.create(state, initial);
      open.push(made.store);
      return {
        ...made,
        open: async () => {
          const store = await made.open();
          open.push(store);
          return store;
        },
      };
    };
    afterEach(() => {
      for (const store of open.splice(0)) store.close();
    });

    it('reads back the state and messages it was created with', async () => {
      const {store} = await make(sampleState({revision: 4}));
      expect(await store.read()).toEqual(sampleState({revision: 4}));
      expect([...store.ports().messages.scan({})]).toEqual(messages);
    });

    it('commits a change as the next revision, which another handle reads', async () => {
      const {store, open: another} = await make();
      const outcome = await store.commit((fresh) => ({plan: addPolicy(fresh, 'a'), result: 'done'}));
      expect(outcome).toMatchObject({result: 'done', revision: 1, committed: true});
      const other = await another();
      const state = await other.read();
      expect(state.revision).toBe(1);
      expect(state.policies.map((p) => p.identity)).toEqual(['Global', 'Tag:a']);
      expect(chatStateSchema.safeParse(state).success).toBe(true);
    });

    it('writes nothing for a null plan', async () => {
      const {store, open: another} = await make();
      const outcome = await store.commit(() => ({plan: null, result: 7}));
      expect(outcome).toEqual({result: 7, revision: 0, committed: false, backups: []});
      expect((await (await another()).read()).revision).toBe(0);
      expect([...store.ports().audit.scan({})]).toEqual([]);
    });

    it("runs a change on the fresh state: another handle's commit is seen, and an edit prepared before it is refused with Conflict", async () => {
      const {store, open: another} = await make();
      const other = await another();
      const session = await Session.open({store: other, origin: 'exec', user: 'admin', uid: null, yes: true});
      const preparedOn = session.state.revision;
      await store.commit((fresh) => ({plan: addPolicy(fresh, 'first'), result: null}));
      const run = await session.run(
        'New-CsPersistentChatPolicy -Identity Tag:second -EnablePersistentChat $True',
        {
          expect: (fresh) =>
            fresh.revision === preparedOn ? null : new CmdletError('Conflict', 'The store changed since.'),
        },
      );
      expect(run.errors.map((e) => e.errorId)).toEqual(['Conflict']);
      expect(run.committed).toBe(false);
      const fresh = await other.commit((state) => ({
        plan: addPolicy(state, 'third'),
        result: state.revision,
      }));
      expect(fresh.result).toBe(1);
      expect((await store.read()).policies.map((p) => p.identity)).toEqual([
        'Global',
        'Tag:first',
        'Tag:third',
      ]);
    });

    it('writes one audit entry per commit, numbered by revision, newest last', async () => {
      let clock = Date.parse('2026-03-01T10:00:00Z');
      const {store} = await make();
      for (const name of ['a', 'b', 'c']) {
        await store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));
        clock += 60_000;
      }
      const entries = [...store.ports().audit.scan({})];
      expect(entries.map((e) => [e.seq, e.revisionBefore, e.revisionAfter, e.command])).toEqual([
        [1, 0, 1, 'New-CsPersistentChatPolicy -Identity Tag:a'],
        [2, 1, 2, 'New-CsPersistentChatPolicy -Identity Tag:b'],
        [3, 2, 3, 'New-CsPersistentChatPolicy -Identity Tag:c'],
      ]);
      expect(entries[0]).toMatchObject({...audit('New-CsPersistentChatPolicy -Identity Tag:a', ['Tag:a'])});
      expect([...store.ports().audit.scan({limit: 2})].map((e) => e.seq)).toEqual([2, 3]);
      expect([...store.ports().audit.scan({since: entries[1]!.time})].map((e) => e.seq)).toEqual(
        entries.filter((e) => e.time >= entries[1]!.time).map((e) => e.seq),
      );
      expect(clock).toBeGreaterThan(0);
    });

    it('appends messages and answers by room, time range and limit, in log order', async () => {
      const {store} = await make();
      const added = [message(20, 'room-1'), message(13, 'room-2')];
      await store.commit((fresh) => ({
        plan: addPolicy(fresh, 'm', [{kind: 'appendMessages', messages: added}]),
        result: null,
      }));
      const all = [...messages, ...added];
      const scan = store.ports().messages.scan;
      expect(ids(scan({}))).toEqual(ids(all));
      expect(ids(scan({roomIds: ['room-1']}))).toEqual(ids(all.filter((m) => m.roomId === 'room-1')));
      const from = message(5).postedAt;
      const to = message(13).postedAt;
      expect(ids(scan({from, to}))).toEqual(ids(all.filter((m) => m.postedAt >= from && m.postedAt <= to)));
      expect(ids(scan({roomIds: ['room-2'], limit: 2}))).toEqual(
        ids(all.filter((m) => m.roomId === 'room-2').slice(0, 2)),
      );
      expect(ids(scan({author: 'SIP:ANA@example.org', limit: 1}))).toEqual(['m1']);
    });

    it('rewrites messages in place: a changed one keeps its place, a deleted one goes', async () => {
      const {store, open: another} = await make();
      await store.commit((fresh) => ({
        plan: addPolicy(fresh, 'r', [
          {
            kind: 'rewriteMessages',
            roomIds: ['room-1'],
            rewrite: (m) => (m.id === 'm2' ? null : {...m, text: `${m.text}!`, replaced: true}),
          },
        ]),
        result: null,
      }));
      const expected = messages
        .filter((m) => m.id !== 'm2')
        .map((m) => (m.roomId === 'room-1' ? {...m, text: `${m.text}!`, replaced: true} : m));
      expect([...(await another()).ports().messages.scan({})]).toEqual(expected);
    });

    it('keeps a backup as part of a commit and restores its state and messages, backing up what it replaces', async () => {
      const {store} = await make();
      const made = await store.commit((fresh) => ({
        plan: addPolicy(fresh, 'kept', [{kind: 'backup', reason: 'before the test'}]),
        result: null,
      }));
      expect(made.backups.map((b) => [b.reason, b.revision])).toEqual([['before the test', 0]]);
      const id = made.backups[0]!.id;
      await store.commit((fresh) => ({
        plan: addPolicy(fresh, 'later', [{kind: 'appendMessages', messages: [message(30)]}]),
        result: null,
      }));
      const restored = await store.commit((fresh) => ({
        plan: {state: fresh, effects: [{kind: 'restoreBackup', id}], audit: audit(`Restore-PcBackup ${id}`)},
        result: null,
      }));
      expect(restored.revision).toBe(3);
      const state = await store.read();
      expect(state).toEqual({...sampleState(), revision: 3});
      expect([...store.ports().messages.scan({})]).toEqual(messages);
      expect(
        store
          .ports()
          .backups.list()
          .map((b) => [b.reason, b.revision]),
      ).toEqual([
        ['before the test', 0],
        [`before restore of ${id}`, 2],
      ]);
    });

    it('keeps what a removal removes and puts its messages back in their places', async () => {
      const rooms = [room('room-0'), room('room-1'), room('room-2')];
      const {store} = await make(sampleState({rooms}));
      const removed = await store.commit((fresh) => ({
        plan: {
          state: {...fresh, rooms: fresh.rooms.filter((r) => r.id !== 'room-1')},
          effects: [
            {kind: 'keepRemoved', rooms: [rooms[1]!], categories: []},
            {kind: 'rewriteMessages', roomIds: ['room-1'], rewrite: () => null},
          ],
          audit: audit('Remove-CsPersistentChatRoom room-1', ['room-1']),
        },
        result: null,
      }));
      const backup = removed.backups[0]!;
      expect([backup.kind, backup.rooms, backup.messages]).toEqual([
        'removal',
        ['pc1.dc1.example.org\\room-1'],
        4,
      ]);
      expect(ids(store.ports().messages.scan({}))).toEqual(
        ids(messages.filter((m) => m.roomId !== 'room-1')),
      );
      expect(store.ports().backups.removed(backup.id)).toEqual({rooms: [rooms[1]], categories: []});
      expect(store.ports().backups.previewRemoval(backup.id)).toMatchObject({deleted: 4, replaced: 0});
      await store.commit((fresh) => ({
        plan: {
          state: {...fresh, rooms},
          effects: [{kind: 'restoreRemoval', id: backup.id}],
          audit: audit(`Restore-PcBackup ${backup.id}`),
        },
        result: null,
      }));
      expect([...store.ports().messages.scan({})]).toEqual(messages);
    });

    describe('a writer killed with -9 at random moments', () => {
      let where: Record<string, unknown> = {};
      let lastAck = 0;
      let handle: (() => Promise<StorePort>) | null = null;
      let failures = 0;
      afterAll(() => {
        if (STRESS) console.log(`stress: ${subject.name} kill -9 rounds ${KILLS}, ${failures} failures`);
      });

      it.each(Array.from({length: KILLS}, (_, i) => i + 1))(
        'round %i: the store reads valid with every acknowledged commit',
        async (round) => {
          failures += 1;
          if (handle === null) {
            const made = await make();
            where = made.where;
            handle = made.open;
          }
          const child = spawn(
            process.execPath,
            [
              path.join(import.meta.dirname, '..', 'workers', 'contract-worker.js'),
              JSON.stringify({build: distDir, store: where, task: 'forever', name: `round-${round}`}),
            ],
            {stdio: ['ignore', 'pipe', 'inherit']},
          );
          const acks: number[] = [];
          const ready = new Promise<void>((resolve) =>
            readline.createInterface({input: child.stdout}).on('line', (line) => {
              if (line === 'ready') resolve();
              if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
            }),
          );
          const exited = new Promise((resolve) => child.on('exit', resolve));
          await ready;
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
          child.kill('SIGKILL');
          await exited;
          lastAck = Math.max(lastAck, ...acks);
          // Rounds that saw no acknowledgement at all would check nothing.
          if (round === KILLS) expect(lastAck).toBeGreaterThan(0);
          const store = await handle();
          const state = await store.read();
          expect(chatStateSchema.safeParse(state).success).toBe(true);
          expect(state.revision).toBeGreaterThanOrEqual(lastAck);
          const revisions = Array.from({length: state.revision}, (_, i) => i + 1);
          expect([...store.ports().audit.scan({})].map((e) => e.seq)).toEqual(revisions);
          expect(state.policies.slice(1).map((p) => p.identity)).toEqual(revisions.map((r) => `Tag:k${r}`));
          expect(ids(store.ports().messages.scan({})).slice(messages.length)).toEqual(
            revisions.map((r) => `k${r}`),
          );
          failures -= 1;
        },
        60_000,
      );
    });
  });
}
