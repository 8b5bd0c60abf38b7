// P1, P5 and P7 on PostgreSQL beside the JSON store: the large store is copied (pchat store copy)
// into a database and into a second store directory, and each figure is measured on both copies in
// the same run, so that the other figures' stores stay as they were. The database is BENCH_PG_URL
// (one without a pchat store), else a throwaway cluster started for the run, as the tests start one.

import path from 'node:path';
import {Session} from '../../src/session.js';
import {openStore} from '../../src/store/file-store.js';
import {openPgStore} from '../../src/store/pg/pg-store.js';
import type {StorePort} from '../../src/store/port.js';
import {startCluster, createDatabase} from '../../test/helpers/pg-cluster.js';
import {ratioFigure, type Figure} from './figure.js';
import {PCHAT} from './p1-exec-get.js';
import {runOk} from './session-on.js';
import type {BenchStore} from './stores.js';
import {inProcess, processMs, processPair, RUNS} from './timing.js';

const ROOM = 'pc1.dc1.example.org\\ItRoom';
const HEAVY_RUNS = Number(process.env['BENCH_HEAVY_RUNS'] ?? 3);

/**
 * As the OS user on both stores: the generated store makes it the administrator, and the bench times
 * the commits, not the mapping of the database user to a role.
 */
async function session(store: StorePort): Promise<Session> {
  return Session.open({store, origin: 'exec', yes: true});
}

/** The in-process figures of one store: a Set commit, a room's history, a Remove and a Clear. */
async function inProcessFigures(store: StorePort) {
  const s = await session(store);
  try {
    const set = await inProcess((i) =>
      runOk(s, `Set-CsPersistentChatRoom -Identity "${ROOM}" -Description "bench ${i}"`),
    );
    const history = await inProcess(() => runOk(s, `Get-PcChatMessage -Room "${ROOM}"`), RUNS);
    const remove = await inProcess(
      (i) =>
        runOk(
          s,
          `Remove-CsPersistentChatMessage -Identity "${ROOM}" -EndDate "${2019 + i}-06-30" -Confirm:$False`,
        ),
      HEAVY_RUNS,
    );
    const clear = await inProcess(
      (i) =>
        runOk(
          s,
          `Clear-CsPersistentChatRoom -Identity "${ROOM}" -EndDate "${2019 + i}-01-01" -Confirm:$False`,
        ),
      HEAVY_RUNS,
    );
    return {set, history, remove, clear};
  } finally {
    s.store.close();
  }
}

export async function postgresFigures(large: BenchStore, root: string): Promise<Figure[]> {
  const cluster = process.env['BENCH_PG_URL'] ? null : await startCluster();
  try {
    const url = process.env['BENCH_PG_URL'] ?? createDatabase(cluster!, 'pchat_bench');
    const json = path.join(root, `${large.size}-json-copy`);
    const copyMs = processMs([PCHAT, 'store', 'copy', large.dir, url]);
    processMs([PCHAT, 'store', 'copy', large.dir, json]);
    const get = 'Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"';
    const p1 = processPair([PCHAT, 'exec', '--store', url, get], [PCHAT, 'exec', '--store', json, get]);
    const onPg = await inProcessFigures(await openPgStore(url));
    const onJson = await inProcessFigures(await openStore(json));
    const note = `copied into PostgreSQL with pchat store copy in ${(copyMs / 1000).toFixed(1)} s`;
    const row = (id: string, what: string, value: number, baseline: number): Figure =>
      ratioFigure({
        id,
        what: `${what}, ${large.size}, PostgreSQL`,
        value,
        baseline,
        baselineWhat: 'the same on the JSON store',
        maxRatio: 2,
        goal: '<= 2x the JSON store',
        ...(id === 'P1-pg' ? {note} : {}),
      });
    return [
      row('P1-pg', 'pchat exec one Get, whole process', p1.a, p1.b),
      row('P5-pg', 'one Set-CsPersistentChatRoom commit', onPg.set, onJson.set),
      row('P7-pg-history', "one room's history (Get-PcChatMessage)", onPg.history, onJson.history),
      row('P7-pg-remove', 'Remove-CsPersistentChatMessage', onPg.remove, onJson.remove),
      row('P7-pg-clear', 'Clear-CsPersistentChatRoom', onPg.clear, onJson.clear),
    ];
  } finally {
    cluster?.stop();
  }
}
