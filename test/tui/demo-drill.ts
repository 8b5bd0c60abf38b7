// A rehearsal drill of the demo store, run by the drill runner on a store on disk (the runner copies
// the store's files), for the console tests' memory store to list.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {DrillRecord} from '../../src/domain/drills.js';
import type {ProcedureKind} from '../../src/domain/procedures.js';
import {runDrill} from '../../src/drills/run-drill.js';
import {createStore} from '../../src/store/file-store.js';
import type {DemoStore} from './demo-console.js';

/** Each reading of the clock is 12 s after the one before, from 11:00 on the console's day. */
const steppingClock = (): (() => Date) => {
  let ms = Date.parse('2026-01-15T11:00:00Z');
  return () => {
    const at = new Date(ms);
    ms += 12_000;
    return at;
  };
};

export interface Rehearsal {
  readonly procedure: ProcedureKind;
  /** Servers or data centres marked down in the copy. */
  readonly faults?: readonly string[];
}

/** Rehearsals of pc1.dc1.example.org (the first pool of the demo), one after the other, oldest first. */
export async function rehearsals(demo: DemoStore, drills: readonly Rehearsal[]): Promise<DrillRecord[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-drill-pane-'));
  // The runner's sessions act as the OS user: an administrator here, as admin is in the demo.
  const user = os.userInfo().username;
  const state = {
    ...demo.state,
    operators: [...demo.state.operators, {name: user, roles: ['CsAdministrator' as const]}],
  };
  const store = await createStore(path.join(dir, 's'), state, demo.messages);
  const now = steppingClock();
  try {
    const records: DrillRecord[] = [];
    for (const {procedure, faults = []} of drills) {
      const run = await runDrill(store, {procedure, live: false, faults, yes: false, resume: false, now});
      // The runner records the OS user and ends each id in random characters; the console tests
      // run as admin and compare frames, so both are made the same on every run.
      const id = run.record.id.replace(/[^-]+$/, String(records.length + 1).padStart(6, '0'));
      records.push({...run.record, id, operator: 'admin'});
    }
    return records;
  } finally {
    store.close();
    fs.rmSync(dir, {recursive: true, force: true});
  }
}
