// The drills of a store directory, as files in its drills/ folder (drill-records.ts): a record per
// drill, a lock file per pool naming its holder, and a rehearsal's scratch copy of the store beside
// its record, made under the store's lock so that it never holds half of a commit.

import os from 'node:os';
import type {DrillPort} from './drill-port.js';
import {holderText} from './drill-port.js';
import {
  copyStore,
  drillLockFiles,
  listDrillRecords,
  removeScratch,
  scratchDir,
  writeDrillRecord,
} from './drill-records.js';
import {acquireLock, lockHolder, releaseLock} from './lock.js';
import {StoreError, type StorePort} from './port.js';
import type {StoreFiles} from './store-files.js';

export function fileDrills(
  files: StoreFiles,
  live: StorePort,
  open: (dir: string) => Promise<StorePort>,
): DrillPort {
  return {
    list: () => listDrillRecords(files),
    write: (record) => writeDrillRecord(files, record),
    lock: async (pool, user) => {
      const lockFiles = drillLockFiles(files, pool);
      try {
        const info = await acquireLock(lockFiles, {
          timeoutMs: 0,
          user,
          host: os.hostname(),
          mode: lockFiles.mode,
        });
        return {release: () => releaseLock(lockFiles, info)};
      } catch (error) {
        if (!(error instanceof StoreError) || error.code !== 'StoreLocked') throw error;
        const holder = lockHolder(lockFiles.lock);
        return {
          refused: `A drill of ${pool} is already running, held by ${holder ? holderText(holder) : 'another process'}; wait for it to end. If no pchat is running there, remove ${lockFiles.lock}.`,
        };
      }
    },
    copyForRehearsal: async (id) => {
      await live.commit(() => {
        copyStore(files, scratchDir(files, id));
        return {plan: null, result: null};
      });
    },
    openRehearsal: (id) => open(scratchDir(files, id)),
    removeRehearsal: (id) => removeScratch(files, id),
  };
}
