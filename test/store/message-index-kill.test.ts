// kill -9 while a reader writes messages.jsonl.index: what it leaves is never a wrong index in use.
// The reader runs the store as built from the current sources (dist/store/).

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/domain/types.js';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {decode} from '../../src/store/message-index-file.js';
import {forgetHeldIndexes, indexFileOf} from '../../src/store/message-index.js';
import {distDir} from '../helpers/pchat-process.js';
import {NOW, addPolicy, removeDir, sampleState, tempDir} from './fixtures.js';

const ROOMS = Array.from({length: 10}, (_, i) => `room-${i}`);
const ROUNDS = Number(process.env['PCHAT_INDEX_KILLS'] ?? 6);
const worker = path.join(import.meta.dirname, 'workers', 'index-worker.js');
const options = {now: () => NOW, user: 'admin'};

let root: string;
let dir: string;
beforeAll(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  const messages: ChatMessage[] = Array.from({length: 30_000}, (_, n) => ({
    id: `m${n}`,
    roomId: ROOMS[(n * 7) % ROOMS.length] ?? '',
    author: 'sip:ana@example.org',
    postedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n)).toISOString(),
    text: `message ${n} ${'y'.repeat(180)}`,
    replaced: false,
    replacedAt: null,
  }));
  await createStore(dir, sampleState(), messages, options);
});
afterAll(() => removeDir(root));

const args = (roomId: string): string[] => [worker, JSON.stringify({build: distDir, dir, roomId})];

it('leaves the old index, the new one whole, or none: reads always match a scan, and the next commit sweeps its temp file', async () => {
  const index = indexFileOf(storeFiles(dir).messages);
  const start = performance.now();
  const whole = spawnSync(process.execPath, args('room-3'), {encoding: 'utf8'});
  const took = performance.now() - start;
  expect(whole.stdout).toMatch(/^done \d+/);
  expect(decode(fs.readFileSync(index))).not.toBeNull();
  const store = await openStore(dir, options);
  const outcomes: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      fs.rmSync(index, {force: true});
      const child = spawn(process.execPath, args('room-3'), {stdio: 'ignore'});
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, (took * (round + 0.5)) / ROUNDS));
      child.kill('SIGKILL');
      await exited;
      const temps = fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));
      const left = fs.existsSync(index) ? fs.readFileSync(index) : null;
      outcomes.push(left ? 'index' : temps.length > 0 ? 'temp' : 'none');
      // Only ever a whole index, never one cut short.
      if (left) expect(decode(left)).not.toBeNull();
      forgetHeldIndexes();
      const all = [...store.ports().messages.scan({})];
      for (const roomId of ['room-3', 'room-4'])
        expect([...store.ports().messages.scan({roomIds: [roomId]})]).toEqual(
          all.filter((m) => m.roomId === roomId),
        );
    }
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'after-kills'), result: null}));
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  } finally {
    store.close();
  }
  console.log(
    `kill -9 while the index is written (a whole read ${Math.round(took)} ms): ${outcomes.join(', ')}`,
  );
}, 300_000);
