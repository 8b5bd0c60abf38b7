// Readers never show a removed message: random appends, Clears, Removes (replacing and deleting),
// undos and compactions on a log large enough to be read through its index, each reader compared
// after every step with a plain array of the messages that should be there.

import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import type {Effect} from '../../src/domain/ports.js';
import type {ChatMessage} from '../../src/domain/types.js';
import {clearRoomRewrite, removeMessagesRewrite} from '../../src/domain/messages.js';
import {logContent} from '../../src/store/archive-write.js';
import {createStore, type FileStore} from '../../src/store/file-store.js';
import {toJsonLine} from '../../src/store/jsonl.js';
import {INDEX_MIN_BYTES} from '../../src/store/message-index.js';
import {NOW, addPolicy, removeDir, sampleState, tempDir} from './fixtures.js';

const ROOMS = ['room-a', 'room-b', 'room-c', 'room-d'];
const AUTHORS = ['sip:ana@example.org', 'sip:ben@example.org'];
/** Long enough that the first log passes the index's size bound. */
const PADDING = 'x'.repeat(4000);

const messageOf = (n: number, room: number, author: number): ChatMessage => ({
  id: `m${n}`,
  roomId: ROOMS[room % ROOMS.length]!,
  author: AUTHORS[author % AUTHORS.length]!,
  postedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  text: `message ${n} ${PADDING}`,
  replaced: false,
  replacedAt: null,
});

type Op =
  | {kind: 'append'; rooms: number[]}
  | {kind: 'clear'; room: number; upTo: number}
  | {kind: 'remove'; room: number; author: number; remove: boolean}
  | {kind: 'undo'};

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({kind: fc.constant('append' as const), rooms: fc.array(fc.nat(3), {minLength: 1, maxLength: 5})}),
  fc.record({kind: fc.constant('clear' as const), room: fc.nat(3), upTo: fc.nat(320)}),
  fc.record({kind: fc.constant('remove' as const), room: fc.nat(3), author: fc.nat(1), remove: fc.boolean()}),
  fc.constant({kind: 'undo' as const}),
);

const root = tempDir();
afterAll(() => removeDir(root));
let runs = 0;

/** What every reader of the store shows, room by room and whole, and what an archive holds. */
function readers(store: FileStore): Record<string, string> {
  const lines = (messages: Iterable<ChatMessage>): string => [...messages].map(toJsonLine).join('');
  const shown: Record<string, string> = {all: lines(store.ports().messages.scan({}))};
  for (const room of ROOMS) shown[room] = lines(store.ports().messages.scan({roomIds: [room]}));
  const staging = path.join(store.dir, `staging-${Math.random()}`);
  fs.mkdirSync(staging);
  const staged = logContent(store.files.messages)(
    {plan: {startDate: null} as never, contentRooms: ROOMS.map((roomId) => ({roomId, room: roomId}))},
    staging,
  );
  // Rooms share one staged file, each its span of it.
  const file = fs.readFileSync(staged[0]?.file ?? '');
  staged.forEach((entry, i) => {
    const start = entry.start ?? 0;
    shown[`archive ${ROOMS[i]}`] = file.subarray(start, start + entry.bytes).toString('utf8');
  });
  fs.rmSync(staging, {recursive: true});
  return shown;
}

function expected(model: readonly ChatMessage[]): Record<string, string> {
  const lines = (messages: readonly ChatMessage[]): string => messages.map(toJsonLine).join('');
  const shown: Record<string, string> = {all: lines(model)};
  for (const room of ROOMS) shown[room] = lines(model.filter((m) => m.roomId === room));
  for (const room of ROOMS) shown[`archive ${room}`] = lines(model.filter((m) => m.roomId === room));
  return shown;
}

describe('readers of a log with removal records', () => {
  it('show exactly the messages a plain model keeps, after any removals, undos and compactions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, {minLength: 1, maxLength: 8}),
        fc.constantFrom(1000, 0.3, 0.02),
        async (ops, compactShare) => {
          runs += 1;
          const initial = Array.from({length: 280}, (_, i) => messageOf(i, i, i >> 1));
          const dir = path.join(root, `run-${runs}`);
          const store = await createStore(dir, sampleState(), initial, {
            now: () => NOW,
            user: 'admin',
            rewriteLogBelowBytes: 0,
            compactShare,
          });
          expect(fs.statSync(store.files.messages).size).toBeGreaterThan(INDEX_MIN_BYTES);
          let model = initial;
          /** The model before the last commit, when that commit was a removal. */
          let undo: ChatMessage[] | null = null;
          let next = initial.length;
          try {
            for (const [step, o] of ops.entries()) {
              const before = model;
              let effects: Effect[];
              let rewrite: ((m: ChatMessage) => ChatMessage | null) | null = null;
              let room = '';
              if (o.kind === 'append') {
                const added = o.rooms.map((r) => messageOf(next++, r, r));
                effects = [{kind: 'appendMessages', messages: added}];
                model = [...model, ...added];
              } else if (o.kind === 'undo') {
                if (undo === null) continue;
                const id = store.ports().backups.list().at(-1)!.id;
                effects = [{kind: 'restoreRemoval', id}];
                model = undo;
              } else {
                room = ROOMS[o.room]!;
                rewrite =
                  o.kind === 'clear'
                    ? clearRoomRewrite(Date.UTC(2026, 0, 1, 0, 0, o.upTo))
                    : removeMessagesRewrite((m) => m.author === AUTHORS[o.author], {
                        remove: o.remove,
                        text: 'This message was removed.',
                        now: NOW,
                      });
                effects = [
                  {kind: 'keepRemoved', rooms: [], categories: []},
                  {kind: 'rewriteMessages', roomIds: [room], rewrite},
                ];
              }
              await store.commit((fresh) => ({plan: addPolicy(fresh, `p${step}`, effects), result: null}));
              if (rewrite !== null) {
                const change = rewrite;
                model = model.flatMap((m) => {
                  const after = m.roomId === room ? change(m) : m;
                  return after === null ? [] : [after];
                });
              }
              undo = o.kind === 'clear' || o.kind === 'remove' ? before : null;
              expect(readers(store), `after ${JSON.stringify(ops.slice(0, step + 1))}`).toEqual(
                expected(model),
              );
            }
          } finally {
            store.close();
            removeDir(dir);
          }
        },
      ),
      {numRuns: 12},
    );
  }, 300_000);
});
