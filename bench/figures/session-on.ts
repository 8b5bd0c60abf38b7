// A session on a bench store, in this process, with every prompt answered yes.

import {Session, type LineRun} from '../../src/session.js';
import {openStore} from '../../src/store/file-store.js';
import type {BenchStore} from './stores.js';

export async function sessionOn(store: BenchStore): Promise<Session> {
  return Session.open({store: await openStore(store.dir), origin: 'exec', yes: true});
}

/** Runs a line that must succeed. */
export async function runOk(session: Session, line: string): Promise<LineRun> {
  const run = await session.run(line);
  if (!run.ok) throw new Error(`${line}: ${run.errors.map((e) => e.message).join('; ')}`);
  return run;
}
