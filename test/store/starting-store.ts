// The store a crash or concurrency test starts from: the small sample store, or, when
// PCHAT_STRESS_STORE names a generated store (npm run test:stress with PCHAT_STRESS_SIZE=M or L
// makes one per run), a copy of it. The tests then assert what changed after the baseline, so the
// same assertions hold on both.

import fs from 'node:fs';
import {createStore, openStore} from '../../src/store/file-store.js';
import {sampleState} from './fixtures.js';

/** What the store held before the test touched it. */
export interface Baseline {
  readonly revision: number;
  readonly policies: ReadonlySet<string>;
  readonly messages: number;
}

const generated = process.env['PCHAT_STRESS_STORE'];

const size = process.env['PCHAT_STRESS_SIZE'];

/** Where the test stores come from, for the summary lines. */
export const startingStoreName =
  generated === undefined
    ? 'the sample store'
    : `a copy of ${size ? `the generated ${size} store` : generated}`;

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
    let messages = 0;
    for (const _ of store.ports().messages.scan({})) messages += 1;
    return {revision: state.revision, policies: new Set(state.policies.map((p) => p.identity)), messages};
  } finally {
    store.close();
  }
}
