// The message log at a million lines: a commit that rewrites one room's messages, and a scan of one
// room, against plain chunked reading of the same file. Prints time and peak memory; asserts nothing.
// Needs the build (npm run bench builds first). BENCH_MESSAGES changes the size.

import {Buffer} from 'node:buffer';
import console from 'node:console';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const {createStore} = await import(path.join(root, 'dist', 'store', 'file-store.js'));

const count = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const rooms = 10;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peak = () => process.resourceUsage().maxRSS * 1024;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-bench-log-'));
const state = {
  schemaVersion: 1,
  revision: 0,
  sipDomains: ['example.org'],
  topology: {sites: [], frontEndPools: [], persistentChatPools: []},
  directory: {users: [], groups: [], contacts: [], organizationalUnits: [], containers: []},
  configurations: [],
  compliance: [],
  policies: [],
  endpoints: [],
  categories: [],
  rooms: [],
  addins: [],
  operators: [],
};
const store = await createStore(path.join(dir, 's'), state, [], {user: 'bench'});

// Written straight in the log's own format, in blocks, so building the fixture stays small too.
const fd = fs.openSync(store.files.messages, 'a');
for (let i = 0; i < count;) {
  let block = '';
  for (let j = 0; j < 10_000 && i < count; j++, i++) {
    const message = {
      id: `m${i}`,
      roomId: `room-${i % rooms}`,
      author: 'sip:ana@example.org',
      postedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      text: `Message number ${i} about the server move tonight`,
      replaced: false,
      replacedAt: null,
    };
    block += `${JSON.stringify(message)}\n`;
  }
  fs.writeSync(fd, block);
}
fs.closeSync(fd);
const size = fs.statSync(store.files.messages).size;
globalThis.gc?.();
const before = peak();

let start = performance.now();
const buffer = Buffer.allocUnsafe(1 << 16);
const input = fs.openSync(store.files.messages, 'r');
let lines = 0;
for (let n = fs.readSync(input, buffer); n > 0; n = fs.readSync(input, buffer))
  for (let k = buffer.indexOf(10); k >= 0 && k < n; k = buffer.indexOf(10, k + 1)) lines++;
fs.closeSync(input);
const baseline = performance.now() - start;

start = performance.now();
let found = 0;
for (const _ of store.ports().messages.scan({roomIds: ['room-3']})) found++;
const scan = performance.now() - start;

start = performance.now();
await store.commit((fresh) => ({
  plan: {
    state: fresh,
    effects: [
      {
        kind: 'rewriteMessages',
        roomIds: ['room-3'],
        rewrite: (m) => ({...m, text: '(removed)', replaced: true}),
      },
    ],
    audit: {
      operator: 'bench',
      uid: null,
      role: 'CsAdministrator',
      command: 'bench',
      targets: [],
      result: 'Success',
      errors: [],
      source: null,
    },
  },
  result: null,
}));
const rewrite = performance.now() - start;

console.log(`${count} messages, ${mb(size)} log, ${lines} lines (one machine, one run)`);
console.log(`  chunked read, count lines        ${baseline.toFixed(0)} ms  (baseline)`);
console.log(
  `  scan one room (${found} hits)    ${scan.toFixed(0)} ms  (${(scan / baseline).toFixed(1)}x baseline)`,
);
console.log(
  `  commit rewriting one room        ${rewrite.toFixed(0)} ms  (${(rewrite / baseline).toFixed(1)}x baseline)`,
);
console.log(`  peak RSS ${mb(peak())} (${mb(before)} before the scans; the log is ${mb(size)})`);
store.close();
fs.rmSync(dir, {recursive: true, force: true});
