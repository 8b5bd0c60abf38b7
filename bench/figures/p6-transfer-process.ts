// One export or import of P6, alone in its own process so that its peak RSS (zip worker included:
// it is a thread of this process) is its own. Prints {ms, maxRssBytes} on standard output.
//   node p6-transfer-process.js export|import STORE FILE DBINSTANCE [DBINSTANCE ...]
// FILE is a prefix: pool i's archive is FILE-i.zip under the store's exports/. p6-export-import.ts
// starts it with V8's defaults, as a `pchat exec` typed in a shell runs.

import {performance} from 'node:perf_hooks';
import {exportPools, importData, type TransferRun} from '../../src/data-transfer.js';

const [mode, store, file, ...dbInstances] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'import') || !store || !file || dbInstances.length === 0) {
  console.error('usage: p6-transfer-process.js export|import STORE FILE DBINSTANCE ...');
  process.exit(2);
}
const pools = dbInstances.map((dbInstance, i) => ({dbInstance, fileName: `${file}-${i}.zip`}));
const check = (run: TransferRun): void => {
  if (!run.ok || run.storeFailure) {
    console.error(run.errors.map((e) => e.message).join('\n') || run.storeFailure?.message);
    process.exit(1);
  }
};
const start = performance.now();
// The exports run as one script of a line per pool, from one opening of the store; each import opens it.
if (mode === 'export') (await exportPools(store, pools)).forEach(check);
else for (const pool of pools) check(await importData(store, pool));
const ms = performance.now() - start;
// resourceUsage().maxRSS is in kilobytes.
console.log(JSON.stringify({ms, maxRssBytes: process.resourceUsage().maxRSS * 1024}));
