// The store a crash or concurrency test starts from: the small sample store, or, when
// PCHAT_STRESS_STORE names a generated store (npm run test:stress with PCHAT_STRESS_SIZE=M or L
// makes one per run), a copy of it. The tests then assert what changed after the baseline, so the
// same assertions hold on both.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {createStore, openStore, type FileStore} from '../../src/store/file-store.js';
import {sampleState} from './fixtures.js';

/** What the store held before the test touched it. */
export interface Baseline {
  readonly revision: number;
  readonly policies: ReadonlySet<string>;
  readonly messages: number;
}

const generated = process.env['PCHAT_STRESS_STORE'];

const size = process.env['PCHAT_STRESS_SIZE'];

/**
 * Whether the tests start from a generated store. A check that reads the whole message log (a
 * million messages on L) then runs once, at a test's last round, not at every round.
 */
export const fromGenerated = generated !== undefined;

/** Where the test stores come from, for the summary lines. */
export const startingStoreName =
  generated === undefined
    ? 'the sample store'
    : `a copy of ${size ? `the generated ${size} store` : generated}`;

/** Every message the store reads, counted (a scan of the whole log: seconds on L). */
export function countMessages(store: FileStore): number {
  let messages = 0;
  for (const _ of store.ports().messages.scan({})) messages += 1;
  return messages;
}

/** Builds the starting store at `dir` and returns its baseline. */
export async function startingStore(
  dir: string,
  options: {readonly now?: () => Date} = {},
): Promise<Baseline> {
  if (generated === undefined) {
    await createStore(dir, sampleState(), [], {user: 'admin', ...options});
    return {revision: 0, policies: new Set(['Global']), messages: 0};
  }
  fs.cpSync(generated, dir, {recursive: true, preserveTimestamps: true});
  const store = await openStore(dir, {user: 'admin'});
  try {
    const state = await store.read();
    return {
      revision: state.revision,
      policies: new Set(state.policies.map((p) => p.identity)),
      messages: countMessages(store),
    };
  } finally {
    store.close();
  }
}

/**
 * The store one round of a crash test starts from, and its baseline. From the sample store, a new
 * store each round (`<root>/<name>-<round>`). From a generated store, one copy (`<root>/<name>`),
 * made at the first round and gone on from after each: copying 300 MB at every fault point would be
 * the whole run's time, so each round checks that the store is exactly as before or exactly as after
 * its step, and hands the next round that store with its baseline (`carried`).
 */
export async function roundStore(
  root: string,
  name: string,
  round: number,
  carried: Baseline | null,
  options: {readonly now?: () => Date} = {},
): Promise<{readonly dir: string; readonly base: Baseline}> {
  if (generated === undefined) {
    const dir = path.join(root, `${name}-${round}`);
    return {dir, base: await startingStore(dir, options)};
  }
  const dir = path.join(root, name);
  return {dir, base: carried ?? (await startingStore(dir, options))};
}

/**
 * The content of every file and directory under `dir` (sha256; no times: a rollback may touch them).
 * A file whose inode, size, mtime and ctime are those of the last call is not read again: no write
 * leaves all four as they were, and on a generated store a fault point would otherwise hash 300 MB.
 */
const hashes = new Map<string, {readonly stamp: string; readonly hash: string}>();
export function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, {withFileTypes: true})) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) {
        out[`${rel}/`] = 'directory';
        walk(full);
        continue;
      }
      const stat = fs.statSync(full, {bigint: true});
      const stamp = `${stat.ino} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs}`;
      const known = hashes.get(full);
      if (known?.stamp === stamp) out[rel] = known.hash;
      else {
        const hash = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
        hashes.set(full, {stamp, hash});
        out[rel] = hash;
      }
    }
  };
  walk(dir);
  return out;
}
