// A room's history through messages.jsonl.index (src/store/message-index.ts) is exactly what a scan
// of the whole log gives, whatever happened to the log or to the index file since it was written.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/domain/types.js';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {decode, encode} from '../../src/store/message-index-file.js';
import {forgetHeldIndexes, INDEX_MIN_BYTES, indexFileOf} from '../../src/store/message-index.js';
import {NOW, addPolicy, removeDir, sampleState, tempDir} from './fixtures.js';

const ROOMS = ['room-a', 'room-b', 'room-c', 'room-d', 'room-e'];
const PAD = 'x'.repeat(200);
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 2000};
// Runs of the property against a full scan: a few in npm test (each copies and scans a 1.2 MB log
// after every step), many more under the stress suite (npm run test:stress).
const STRESS = process.env['PCHAT_STRESS'] === '1';
const PROPERTY_RUNS = STRESS ? 60 : 8;

const post = (n: number, roomId: string, text = `message ${n} ${PAD}`): ChatMessage => ({
  id: `m${n}`,
  roomId,
  author: 'sip:ana@example.org',
  postedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n)).toISOString(),
  text,
  replaced: false,
  replacedAt: null,
});
const line = (m: ChatMessage): string => `${JSON.stringify(m)}\n`;

/** Enough messages for the log to pass INDEX_MIN_BYTES, spread over the rooms in a fixed pattern. */
const BASE = Array.from({length: 4800}, (_, n) =>
  post(n, ROOMS[(n * 7 + (n >> 3)) % ROOMS.length] ?? 'room-a'),
);

let root: string;
let base: string;
let dir: string;
let store: FileStore;
let next: number;

beforeAll(async () => {
  root = tempDir();
  base = path.join(root, 'base');
  await createStore(base, sampleState(), BASE, options);
  expect(fs.statSync(storeFiles(base).messages).size).toBeGreaterThan(INDEX_MIN_BYTES);
});
afterAll(() => removeDir(root));

let copies = 0;
beforeEach(async () => {
  dir = path.join(root, `store-${(copies += 1)}`);
  fs.cpSync(base, dir, {recursive: true});
  forgetHeldIndexes();
  store = await openStore(dir, options);
  next = BASE.length;
});
afterEach(() => store.close());

const log = (): string => storeFiles(dir).messages;
const scanned = (roomIds: readonly string[], all = [...store.ports().messages.scan({})]): ChatMessage[] =>
  all.filter((m) => roomIds.includes(m.roomId));
const history = (roomIds: readonly string[]): ChatMessage[] => [...store.ports().messages.scan({roomIds})];
let policies = 0;
const commit = (effects: Parameters<typeof addPolicy>[2]) =>
  store.commit((fresh) => ({plan: addPolicy(fresh, `p${(policies += 1)}`, effects), result: null}));

function expectSameAsScan(): void {
  // One scan of the whole log for every comparison: the log does not change in between.
  const all = [...store.ports().messages.scan({})];
  for (const room of [...ROOMS, 'room-none']) expect(history([room])).toEqual(scanned([room], all));
  expect(history(['room-b', 'room-d'])).toEqual(scanned(['room-b', 'room-d'], all));
}

describe("a room's history through the index", () => {
  it('is written by the first reader, and read back by a new process', () => {
    expect(fs.existsSync(indexFileOf(log()))).toBe(false);
    const first = history(['room-c']);
    expect(first).toEqual(scanned(['room-c']));
    expect(first.length).toBeGreaterThan(100);
    expect(decode(fs.readFileSync(indexFileOf(log())))?.rooms.get('room-c')?.lines).toBe(first.length);
    forgetHeldIndexes();
    expect(history(['room-c'])).toEqual(first);
  });

  type Step =
    | {kind: 'append'; rooms: number[]}
    | {kind: 'appendByHand'; rooms: number[]; torn: boolean}
    | {kind: 'rewrite'; room: number; every: number; remove: boolean}
    | {kind: 'cutBack'; lines: number; rooms: number[]}
    | {kind: 'replaceByHand'; drop: number}
    | {kind: 'newProcess'};
  const room = fc.integer({min: 0, max: ROOMS.length - 1});
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({kind: fc.constant('append' as const), rooms: fc.array(room, {minLength: 1, maxLength: 30})}),
    fc.record({
      kind: fc.constant('appendByHand' as const),
      rooms: fc.array(room, {minLength: 1, maxLength: 30}),
      torn: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('rewrite' as const),
      room,
      every: fc.integer({min: 1, max: 9}),
      remove: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('cutBack' as const),
      lines: fc.integer({min: 1, max: 40}),
      rooms: fc.array(room, {maxLength: 30}),
    }),
    fc.record({kind: fc.constant('replaceByHand' as const), drop: fc.integer({min: 0, max: 5000})}),
    fc.constant({kind: 'newProcess' as const}),
  );

  async function apply(s: Step): Promise<void> {
    const posts = (rooms: number[]): ChatMessage[] => rooms.map((r) => post((next += 1), ROOMS[r] ?? ''));
    switch (s.kind) {
      case 'append':
        await commit([{kind: 'appendMessages', messages: posts(s.rooms)}]);
        return;
      case 'appendByHand': {
        // Another process's append (which, as every writer does, cuts off a torn last line first); a
        // torn one is still being written.
        const text = fs.readFileSync(log(), 'utf8');
        fs.truncateSync(log(), Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
        fs.appendFileSync(log(), posts(s.rooms).map(line).join('') + (s.torn ? '{"id":"m-torn","roo' : ''));
        return;
      }
      case 'rewrite': {
        const target = ROOMS[s.room] ?? '';
        await commit([
          {
            kind: 'rewriteMessages',
            roomIds: [target],
            rewrite: (m) =>
              Number(m.id.slice(1)) % s.every !== 0
                ? m
                : s.remove
                  ? null
                  : {...m, text: `gone ${m.id}`, replaced: true, replacedAt: NOW.toISOString()},
          },
        ]);
        return;
      }
      case 'cutBack': {
        // A commit undone after a crash cuts the log back in place (same file), and others append.
        const text = fs.readFileSync(log(), 'utf8');
        const lines = text
          .slice(0, text.lastIndexOf('\n') + 1)
          .split('\n')
          .filter(Boolean);
        const keep = lines.slice(0, Math.max(0, lines.length - s.lines));
        fs.truncateSync(log(), Buffer.byteLength(keep.map((l) => `${l}\n`).join('')));
        fs.appendFileSync(log(), posts(s.rooms).map(line).join(''));
        return;
      }
      case 'replaceByHand': {
        // Someone rewrote the log by hand: a new file renamed over it, one line fewer. A torn last
        // line is still being written by another process, so it is not part of what was rewritten.
        const text = fs.readFileSync(log(), 'utf8');
        const lines = text
          .slice(0, text.lastIndexOf('\n') + 1)
          .split('\n')
          .filter(Boolean);
        lines.splice(s.drop % lines.length, 1);
        const temp = `${log()}.by-hand`;
        fs.writeFileSync(temp, lines.map((l) => `${l}\n`).join(''));
        fs.renameSync(temp, log());
        return;
      }
      case 'newProcess':
        forgetHeldIndexes();
        return;
    }
  }

  it('equals a full scan after any appends, rewrites, cut-backs and replacements of the log', async () => {
    let failures = 0;
    await fc
      .assert(
        fc.asyncProperty(fc.array(step, {minLength: 1, maxLength: 5}), async (steps) => {
          store.close();
          dir = path.join(root, `store-${(copies += 1)}`);
          fs.cpSync(base, dir, {recursive: true});
          forgetHeldIndexes();
          store = await openStore(dir, options);
          next = BASE.length;
          expectSameAsScan();
          for (const s of steps) {
            await apply(s);
            expectSameAsScan();
          }
          removeDir(dir);
        }),
        {numRuns: PROPERTY_RUNS},
      )
      .catch((error: unknown) => {
        failures += 1;
        throw error;
      })
      .finally(() => {
        if (STRESS)
          console.log(
            `stress: message index against a full scan ${PROPERTY_RUNS} runs, ${failures} failures`,
          );
      });
  }, 600_000);

  it('reads the lines another process appended since the index was written', () => {
    const before = history(['room-a']);
    const added = [post(90001, 'room-a'), post(90002, 'room-b'), post(90003, 'room-a')];
    fs.appendFileSync(log(), added.map(line).join(''));
    expect(history(['room-a'])).toEqual([...before, added[0], added[2]]);
    forgetHeldIndexes();
    expect(history(['room-a'])).toEqual([...before, added[0], added[2]]);
  });

  it('is carried over a rewrite: the new log has its index at once, and reads through it match a scan', async () => {
    history(['room-a']);
    await commit([
      {kind: 'rewriteMessages', roomIds: ['room-b'], rewrite: (m) => (m.id.endsWith('3') ? null : m)},
    ]);
    const index = decode(fs.readFileSync(indexFileOf(log())));
    expect(index?.key.ino).toBe(fs.statSync(log()).ino);
    expect(index?.key.size).toBe(fs.statSync(log()).size);
    forgetHeldIndexes();
    expectSameAsScan();
  });

  describe('with an index file that cannot be trusted', () => {
    const garbage: [string, () => Buffer | 'link' | 'fifo' | 'directory'][] = [
      ['random bytes', () => Buffer.from(Array.from({length: 5000}, (_, i) => (i * 131) % 251))],
      ['an empty file', () => Buffer.alloc(0)],
      ['a valid index cut short', () => fs.readFileSync(indexFileOf(log())).subarray(0, 3000)],
      [
        'a valid index with one byte of its body changed',
        () => {
          const bytes = Buffer.from(fs.readFileSync(indexFileOf(log())));
          bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
          return bytes;
        },
      ],
      [
        "an index whose room-a runs point at room-b's lines",
        () => {
          const index = decode(fs.readFileSync(indexFileOf(log())));
          if (!index) throw new Error('no index');
          const a = index.rooms.get('room-a');
          const b = index.rooms.get('room-b');
          if (!a || !b) throw new Error('no rooms');
          index.rooms.set('room-a', {...b, lines: a.lines});
          return encode(index);
        },
      ],
      [
        'an index whose runs are shifted by a few bytes',
        () => {
          const index = decode(fs.readFileSync(indexFileOf(log())));
          if (!index) throw new Error('no index');
          for (const r of index.rooms.values())
            for (let i = 0; i < r.starts.length; i++) {
              r.starts[i] = (r.starts[i] ?? 0) + 3;
              r.ends[i] = (r.ends[i] ?? 0) + 3;
            }
          return encode(index);
        },
      ],
      [
        'an index that claims more lines than it holds',
        () => {
          const index = decode(fs.readFileSync(indexFileOf(log())));
          const c = index?.rooms.get('room-c');
          if (!index || !c) throw new Error('no index');
          c.lines += 1;
          return encode(index);
        },
      ],
      [
        'the index of another file',
        () => {
          const index = decode(fs.readFileSync(indexFileOf(log())));
          if (!index) throw new Error('no index');
          return encode({...index, key: {...index.key, ino: index.key.ino + 1}});
        },
      ],
      ['a symbolic link', () => 'link'],
      ['a FIFO', () => 'fifo'],
      ['a directory', () => 'directory'],
    ];

    it.each(garbage)('(%s) gives what a scan gives, and never hangs', (_name, make) => {
      history(['room-a']);
      const made = make();
      const index = indexFileOf(log());
      fs.rmSync(index, {force: true});
      if (made === 'link') fs.symlinkSync('/dev/zero', index);
      else if (made === 'fifo') expect(spawnSync('mkfifo', [index]).status).toBe(0);
      else if (made === 'directory') fs.mkdirSync(index);
      else fs.writeFileSync(index, made);
      forgetHeldIndexes();
      expectSameAsScan();
    });
  });
});
