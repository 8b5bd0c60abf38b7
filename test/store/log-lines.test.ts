// One rule for the lines of messages.jsonl and audit.jsonl, the same for readers and writers
// (src/store/jsonl.ts): a last line without its newline is an append that never finished, dropped by
// readers and cut off by the next writer; a complete line that is not a record is damage, refused by
// readers and writers alike with the file and line number.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Effect} from '../../src/domain/ports.js';
import {createStore, openStore, storeFiles, type FileStore} from '../../src/store/file-store.js';
import {NOW, addPolicy, message, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let root: string;
let dir: string;
let store: FileStore;
// A small read size puts chunk boundaries inside lines.
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300, chunkBytes: 16};

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  await createStore(dir, sampleState(), [message(1), message(2, 'room-2')], options);
  store = await openStore(dir, options);
  await commit([]);
});
afterEach(() => {
  store.close();
  removeDir(root);
});

let policies = 0;
const commit = (effects: readonly Effect[]) =>
  store.commit((fresh) => ({plan: addPolicy(fresh, `p${(policies += 1)}`, effects), result: null}));
const messageIds = (): string[] => [...store.ports().messages.scan({})].map((m) => m.id);
const auditSeqs = (): number[] => [...store.ports().audit.scan({})].map((a) => a.seq);

const writes: [string, readonly Effect[]][] = [
  ['an append', [{kind: 'appendMessages', messages: [message(3)]}]],
  ['a rewrite of one room', [{kind: 'rewriteMessages', roomIds: ['room-2'], rewrite: () => null}]],
  ['a rewrite of every room', [{kind: 'rewriteMessages', roomIds: 'all', rewrite: (m) => m}]],
  ['a commit that leaves the messages alone', []],
];

describe('a last line without its newline', () => {
  const torn = '{"id":"m9","roomId":"room-1","au';

  it.each(writes)('in messages.jsonl is dropped by readers and cut off by %s', async (_name, effects) => {
    const file = storeFiles(dir).messages;
    fs.appendFileSync(file, torn);
    expect(messageIds()).toEqual(['m1', 'm2']);
    await commit(effects);
    expect(messageIds()).not.toContain('m9');
    // The room's history stays readable after the rewrite, and after the next append.
    await commit([{kind: 'appendMessages', messages: [message(4)]}]);
    expect(messageIds()).toContain('m4');
    expect(messageIds()).not.toContain('m9');
    expect(fs.readFileSync(file, 'utf8')).not.toContain(torn);
    expect(fs.readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('in audit.jsonl is dropped by readers and cut off by the next commit', async () => {
    const file = storeFiles(dir).audit;
    fs.appendFileSync(file, '{"seq":2,"operator":"ad');
    expect(auditSeqs()).toEqual([1]);
    await commit([]);
    expect(auditSeqs()).toEqual([1, 2]);
    expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('a complete line that is not a record', () => {
  it.each([
    ['not JSON', 'garbage\n', /line 3 \(byte offset \d+\) is not valid JSON/],
    ['not a chat message', '{"id":"m9"}\n', /line 3 \(byte offset \d+\) is not a chat message/],
    ['not UTF-8', Buffer.from([0x7b, 0xc3, 0x7d, 0x0a]), /line 3 \(byte offset \d+\) is not valid UTF-8/],
  ])(
    'in messages.jsonl (%s) is refused by readers and writers alike, naming the line',
    async (_n, line, reason) => {
      const file = storeFiles(dir).messages;
      fs.appendFileSync(file, line);
      expect(() => messageIds()).toThrow(expect.objectContaining({code: 'StoreDamaged', path: file}));
      expect(() => messageIds()).toThrow(reason);
      const before = snapshot(dir);
      // A room's reader and a room's rewrite skip, unparsed, lines that cannot be of that room: these two
      // read every line.
      for (const [, effects] of [writes[0]!, writes[2]!]) {
        const error = await commit(effects).catch((e: unknown) => e);
        expect(error).toMatchObject({code: 'StoreDamaged', path: file});
        expect((error as Error).message).toMatch(reason);
      }
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it.each([
    ['not JSON', 'garbage\n', /line 2 \(byte offset \d+\) is not valid JSON/],
    ['not an audit entry', '{"seq":2}\n', /line 2 \(byte offset \d+\) is not an audit entry/],
  ])(
    'in audit.jsonl (%s) is refused by readers and writers alike, naming the line',
    async (_n, line, reason) => {
      const file = storeFiles(dir).audit;
      fs.appendFileSync(file, line);
      expect(() => auditSeqs()).toThrow(reason);
      const before = snapshot(dir);
      const error = await commit([]).catch((e: unknown) => e);
      expect(error).toMatchObject({code: 'StoreDamaged', path: file});
      expect((error as Error).message).toMatch(reason);
      expect(snapshot(dir)).toEqual(before);
    },
  );
});
