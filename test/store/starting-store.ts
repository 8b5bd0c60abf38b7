// The store a crash or concurrency test starts from: the small sample store, or, when
// PCHAT_STRESS_STORE names a generated store (npm run test:stress with PCHAT_STRESS_SIZE=M or L
// makes one per run), a copy of it. The tests then assert what changed after the baseline, so the
// same assertions hold on both.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {ChatMessage} from '../../src/domain/types.js';
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

/** How to build the sample store: its clock, and the messages it starts with (none unless given). */
export interface StartingOptions {
  readonly now?: () => Date;
  readonly messages?: readonly ChatMessage[];
}

/** Builds the starting store at `dir` and returns its baseline. */
export async function startingStore(dir: string, options: StartingOptions = {}): Promise<Baseline> {
  if (generated === undefined) {
    const {messages = [], ...rest} = options;
    await createStore(dir, sampleState(), messages, {user: 'admin', ...rest});
    return {revision: 0, policies: new Set(['Global']), messages: messages.length};
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
  options: StartingOptions = {},
): Promise<{readonly dir: string; readonly base: Baseline}> {
  if (generated === undefined) {
    const dir = path.join(root, `${name}-${round}`);
    return {dir, base: await startingStore(dir, options)};
  }
  const dir = path.join(root, name);
  return {dir, base: carried ?? (await startingStore(dir, options))};
}

/** A file's hash as the last call of contents() took it. */
interface Hashed {
  readonly stamp: string;
  readonly ino: bigint;
  readonly size: number;
  readonly hash: string;
  /** The sha256 of the file's first `size` bytes, not yet digested, to go on from. */
  readonly running: crypto.Hash;
}
const hashes = new Map<string, Hashed>();

/** Hashes the bytes of `file` from `from` on, into `running`. */
function hashFrom(file: string, from: number, running: crypto.Hash): number {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let at = from;
    for (
      let n = fs.readSync(fd, buffer, 0, buffer.length, at);
      n > 0;
      n = fs.readSync(fd, buffer, 0, buffer.length, at)
    ) {
      running.update(buffer.subarray(0, n));
      at += n;
    }
    return at;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The content of every file and directory under `dir` (sha256; no times: a rollback may touch them).
 * A file whose inode, size, mtime and ctime are those of the last call is not read again: no write
 * leaves all four as they were, and on a generated store a fault point would otherwise hash 300 MB.
 * `appended` (SeamWrites in fault-layer.ts: the lowest offset the store wrote at in each file since
 * the last call) lets a file the store only appended to be hashed from where the last call stopped:
 * the hashes a fault point takes before its step pass it, as its set-up appends to the 270 MB log of
 * L; those it takes after the step do not, so what the step changed is always read whole. A wrong
 * hash before the step could only make an unchanged store look changed, a failure, never the reverse.
 */
export function contents(dir: string, appended?: ReadonlyMap<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  // The paths the seam reports are the ones the kernel resolved.
  const real = fs.realpathSync(dir);
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, {withFileTypes: true})) {
      const full = path.join(current, entry.name);
      const rel = path.relative(real, full);
      if (entry.isDirectory()) {
        out[`${rel}/`] = 'directory';
        walk(full);
        continue;
      }
      const stat = fs.statSync(full, {bigint: true});
      const stamp = `${stat.ino} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs}`;
      const known = hashes.get(full);
      if (known?.stamp === stamp) {
        out[rel] = known.hash;
        continue;
      }
      const from = appended?.get(full);
      const goesOn =
        known !== undefined &&
        from !== undefined &&
        known.ino === stat.ino &&
        from >= known.size &&
        Number(stat.size) >= known.size;
      const running = goesOn ? known.running.copy() : crypto.createHash('sha256');
      const size = hashFrom(full, goesOn ? known.size : 0, running);
      const hash = running.copy().digest('hex');
      hashes.set(full, {stamp, ino: stat.ino, size, hash, running});
      out[rel] = hash;
    }
  };
  walk(real);
  return out;
}
