// Several processes editing one counter through PostgreSQL at once, each edit prepared on the
// revision it read (as the session's expectations do): no update is lost, and every stale edit is
// reported as a conflict and tried again. PCHAT_STRESS=1 runs 4 x 500 (npm run test:stress).

import {spawn} from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import {expect, it} from 'vitest';
import {createPgStore, openPgStore} from '../../../src/store/pg/pg-store.js';
import {distDir} from '../../helpers/pchat-process.js';
import {newDatabase} from '../../helpers/pg-test-cluster.js';
import {policy, sampleState} from '../fixtures.js';

const STRESS = process.env['PCHAT_STRESS'] === '1';
const WRITERS = 4;
const EDITS = STRESS ? 500 : 60;

function runWriter(url: string, name: string): Promise<{conflicts: number; reported: number}> {
  const child = spawn(
    process.execPath,
    [
      path.join(import.meta.dirname, '..', 'workers', 'contract-worker.js'),
      JSON.stringify({build: distDir, store: {kind: 'postgres', url}, task: 'edits', name, count: EDITS}),
    ],
    {stdio: ['ignore', 'pipe', 'inherit']},
  );
  let reported = 0;
  let conflicts = -1;
  readline.createInterface({input: child.stdout}).on('line', (line) => {
    if (line.startsWith('conflict ')) reported += 1;
    if (line.startsWith('done ')) conflicts = Number(line.slice(5));
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve({conflicts, reported}) : reject(new Error(`${name} exited ${code}`)),
    ),
  );
}

it(`loses no update: ${WRITERS} processes x ${EDITS} conflicting edits of one counter end at ${WRITERS * EDITS}, every conflict reported`, async () => {
  const url = newDatabase();
  const seed = sampleState({policies: [...sampleState().policies, {...policy('counter'), description: '0'}]});
  (await createPgStore(url, {state: seed, messages: [], audit: []})).close();
  const results = await Promise.all(Array.from({length: WRITERS}, (_, i) => runWriter(url, `w${i}`)));
  const store = await openPgStore(url);
  try {
    const state = await store.read();
    expect(state.policies.find((p) => p.identity === 'Tag:counter')?.description).toBe(
      String(WRITERS * EDITS),
    );
    expect(state.revision).toBe(WRITERS * EDITS);
    expect([...store.ports().audit.scan({})]).toHaveLength(WRITERS * EDITS);
    for (const result of results) expect(result.reported).toBe(result.conflicts);
    const conflicts = results.reduce((sum, r) => sum + r.conflicts, 0);
    // Four writers on one counter: some edits must have been stale, or the test proved nothing.
    expect(conflicts).toBeGreaterThan(0);
    if (STRESS) {
      console.log(`stress: PostgreSQL conflicting edits ${WRITERS * EDITS}, 0 failures`);
      console.log(`(${conflicts} conflicts reported and retried)`);
    }
  } finally {
    store.close();
  }
}, 600_000);
