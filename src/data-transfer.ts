// Export and import of a store's Persistent Chat data as functions, for benchmarks and scripts: each
// opens the store and runs the documented cmdlet line through a session, so it is checked, audited
// and committed exactly as `pchat exec` would do it.

import {Session, type LineRun} from './session.js';
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

async function runOn(storeDir: string, line: string): Promise<LineRun> {
  const store = await openStore(storeDir);
  try {
    const session = await Session.open({store, origin: 'exec', yes: true});
    return await session.run(line);
  } finally {
    store.close();
  }
}

export const exportData = (storeDir: string, options: TransferOptions): Promise<LineRun> =>
  runOn(
    storeDir,
    `Export-CsPersistentChatData -DBInstance ${quoted(options.dbInstance)} -FileName ${quoted(options.fileName)}` +
      (options.level ? ` -Level ${options.level}` : '') +
      (options.whatIf ? ' -WhatIf' : ''),
  );

export const importData = (storeDir: string, options: TransferOptions): Promise<LineRun> =>
  runOn(
    storeDir,
    `Import-CsPersistentChatData -DBInstance ${quoted(options.dbInstance)} -FileName ${quoted(options.fileName)}` +
      (options.whatIf ? ' -WhatIf' : ''),
  );
