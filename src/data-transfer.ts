// Export and import of a store's Persistent Chat data as functions, for benchmarks and scripts: each
// opens the store and runs the documented cmdlet line through a session, so it is checked, audited
// and committed exactly as `pchat exec` would do it.

import {Session, type LineRun} from './session.js';
import {collectGarbage} from './store/collect-garbage.js';
import {openStore} from './store/file-store.js';

export interface TransferOptions {
  /** `sqlFqdn\instance` of the pool's primary or backup store. */
  readonly dbInstance: string;
  /** A file name under the store's exports/ directory. */
  readonly fileName: string;
  readonly level?: 'All' | 'User' | 'Category' | 'RoomDirectory' | 'Content';
  readonly whatIf?: boolean;
}

/** A PowerShell single-quoted string: only the quote itself is doubled. */
const quoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * What a line of a transfer answers: its run without the working state after it and the effects it
 * committed, which a caller of these functions has no use for. Kept, they held a whole store's state
 * (and the import's plan) alive while the caller went on to the next transfer: on L, the state of the
 * first pool's import, live through the second pool's import in the same process (heap snapshot
 * there: the LineRun kept by the caller's await, 30-50 MB), made the peak of memory of P6's imports.
 */
export type TransferRun = Omit<LineRun, 'state' | 'effects'>;

const withoutState = ({state: _state, effects: _effects, ...run}: LineRun): TransferRun => run;

/** Runs the lines one after another in one session, as `pchat exec` runs a script's lines. */
async function runLinesOn(storeDir: string, lines: readonly string[]): Promise<TransferRun[]> {
  // A transfer before this one in the same process leaves garbage not yet collected; reading L's
  // state on top of it made the peak of an import of every pool over L (collect-garbage.ts).
  collectGarbage();
  const store = await openStore(storeDir);
  try {
    const session = await Session.open({store, origin: 'exec', yes: true});
    const runs: TransferRun[] = [];
    for (const line of lines) runs.push(withoutState(await session.run(line)));
    return runs;
  } finally {
    store.close();
  }
}

const runOn = async (storeDir: string, line: string): Promise<TransferRun> =>
  (await runLinesOn(storeDir, [line]))[0] as TransferRun;

const exportLine = (options: TransferOptions): string =>
  `Export-CsPersistentChatData -DBInstance ${quoted(options.dbInstance)} -FileName ${quoted(options.fileName)}` +
  (options.level ? ` -Level ${options.level}` : '') +
  (options.whatIf ? ' -WhatIf' : '');

export const exportData = (storeDir: string, options: TransferOptions): Promise<TransferRun> =>
  runOn(storeDir, exportLine(options));

/**
 * One export per pool from one opening of the store, as a script of those lines runs: the state is
 * read once, not once per pool (P6: reading L's state again while the first pool's export was not
 * yet collected made the peak of memory of an export of every pool).
 */
export const exportPools = (storeDir: string, pools: readonly TransferOptions[]): Promise<TransferRun[]> =>
  runLinesOn(storeDir, pools.map(exportLine));

export const importData = (storeDir: string, options: TransferOptions): Promise<TransferRun> =>
  runOn(
    storeDir,
    `Import-CsPersistentChatData -DBInstance ${quoted(options.dbInstance)} -FileName ${quoted(options.fileName)}` +
      (options.whatIf ? ' -WhatIf' : ''),
  );
