// Where this process's last commit left audit.jsonl, kept until its next commit: that commit then
// need not open the file and read and check its last entry (audit-catch-up.ts) to know where its own
// entry goes. Kept only with the file's identity, size and times as the commit left them, and used
// only on the state at that commit's revision: another commit changes the state's revision, a
// commit cut short and undone since (journal.ts) changes the file's times, and so does a hand edit,
// each of which reads the last entry again. The same trust the state's own cache puts in a stat
// (state-file.ts, statKey).

import type fs from 'node:fs';

export interface AuditEnd {
  /** The seq (= revision) of the last entry, written by this process. */
  readonly seq: number;
  /** Where that entry ends: where the next one goes. */
  readonly end: number;
  readonly key: string;
}

const auditKey = (stat: fs.Stats): string => `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;

/** The end just written, kept when the file (`stat`, taken under the same lock) ends there. */
export const keepAuditEnd = (written: {seq: number; end: number}, stat: fs.Stats | null): AuditEnd | null =>
  stat !== null && stat.size === written.end ? {...written, key: auditKey(stat)} : null;

/** The end kept, when audit.jsonl (`stat`, taken under this lock) is still as it was left and the state at its revision. */
export const keptAuditEnd = (kept: AuditEnd | null, revision: number, stat: fs.Stats): number | null =>
  kept !== null && kept.seq === revision && kept.key === auditKey(stat) ? kept.end : null;
