// Where a drill's report file goes: under the store's exports/ directory, as every file pchat
// writes for the operator (store/exports.ts confines the name and refuses to overwrite).

import {storeFiles} from '../store/file-store.js';
import {writeExportNow} from '../store/exports.js';

export const writeDrillReport = (storeDir: string, name: string, text: string, replace: boolean): string =>
  writeExportNow(storeFiles(storeDir), name, text, replace);
