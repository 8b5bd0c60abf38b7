// A store whose state.json cannot be read (damaged, or over the size limit) must still be able to
// restore a backup, or one bad write would lock everyone out for good. The stand-in state a restore
// is evaluated against: the newest backup that can be read (its operator list says who may restore)
// at the store's last revision (its audit log's last entry, or the newest backup's), so the restore
// commits the next revision and audit seq stays equal to the revision.

import type {ChatState} from '../domain/types.js';
import {scanAudit} from './audit-log.js';
import {listBackups, openBackup} from './backups.js';
import type {StoreFiles} from './store-files.js';

export function standInState(files: StoreFiles): ChatState | null {
  const backups = listBackups(files);
  let state: ChatState | null = null;
  for (const backup of [...backups].reverse()) {
    try {
      state = openBackup(files, backup.id).state;
      break;
    } catch {
      // A damaged backup cannot stand in; an older one may.
    }
  }
  if (state === null) return null;
  const revision = Math.max(lastAuditRevision(files), ...backups.map((b) => b.revision));
  return {...state, revision};
}

function lastAuditRevision(files: StoreFiles): number {
  try {
    let last = 0;
    for (const entry of scanAudit(files.audit, {limit: 1})) last = entry.revisionAfter;
    return last;
  } catch {
    return 0;
  }
}
