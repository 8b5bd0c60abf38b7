// audit.jsonl brought up to date from the state log. A commit without a journal makes its audit entry
// durable inside its state record (the commit point) and then writes it to audit.jsonl without an
// fsync; a crash or a power loss in between leaves audit.jsonl one entry behind the state. Whoever
// takes the lock next appends the missing entries from the records (and flushes them), before any
// other write; a checkpoint, which folds the records away, first does the same and flushes
// audit.jsonl whatever it held. Until then readers take the missing entries from the records
// (FileStore's audit port), so an entry is never missing from what they read.

import type {AuditEntry} from '../domain/types.js';
import {auditLine} from './journal.js';
import {auditTail} from './audit-log.js';
import {fsyncFile, writeAtDurably} from './durable-fs.js';
import {auditEntriesAfter} from './state-log.js';
import type {StoreFiles} from './store-files.js';

/**
 * Under the lock. `revision`: the state's, or null when it cannot be read (a restore onto a damaged
 * state.json), when the records that can be read count. `flush`: make audit.jsonl durable even when
 * nothing was missing, as before a checkpoint. Returns where the entry of the next commit goes
 * (auditAppendOffset), which the commit then need not read again.
 */
export function catchUpAudit(files: StoreFiles, revision: number | null, flush = false): number {
  const upTo = revision ?? Infinity;
  const tail = auditTail(files.audit, upTo);
  if (tail.seq < upTo) {
    const missing = entriesAfter(files, tail.seq, upTo, revision === null);
    if (missing.length > 0) {
      const lines = missing.map(auditLine).join('');
      writeAtDurably(files.audit, tail.end, lines);
      // The last entry now is the last missing one, at or before the state's revision.
      return tail.end + Buffer.byteLength(lines, 'utf8');
    }
  }
  if (flush) fsyncFile(files.audit);
  return tail.next;
}

function entriesAfter(files: StoreFiles, after: number, upTo: number, tolerant: boolean): AuditEntry[] {
  try {
    return auditEntriesAfter(files.stateLog, after, upTo);
  } catch (error) {
    // With a damaged state, the log may be what is damaged: the restore goes on without its entries.
    if (tolerant) return [];
    throw error;
  }
}
