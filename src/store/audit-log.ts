// The audit log: one entry per committed revision (seq = revision). A commit with a journal appends
// it before its commit point; one without carries it in its state record and appends it after
// (audit-catch-up.ts), so audit.jsonl may be one entry behind the state, which `pending` fills in.

import {auditMatcher} from '../domain/log-queries.js';
import type {AuditQuery} from '../domain/ports.js';
import type {AuditEntry} from '../domain/types.js';
import {lastRecord, readLines, toRecord, type LogFormat} from './jsonl.js';
import {auditEntrySchema} from './state-schema.js';

const AUDIT_LOG: LogFormat<AuditEntry> = {what: 'an audit entry', schema: auditEntrySchema};

/**
 * Where the next entry goes (jsonl.ts: a cut-off last line is overwritten, a damaged one refused), and
 * over an entry past `revision`, left by a commit that did not reach its commit point.
 */
export const auditAppendOffset = (file: string, revision = Infinity): number =>
  auditTail(file, revision).next;

/**
 * The seq of the last complete entry (0 when there is none), where the line after it goes (`end`),
 * and where the entry of the next commit on `revision` goes (`next`: auditAppendOffset).
 */
export function auditTail(file: string, revision = Infinity): {seq: number; end: number; next: number} {
  const last = lastRecord(file, AUDIT_LOG);
  if (last === null) return {seq: 0, end: 0, next: 0};
  const orphan = last.record.revisionAfter > revision;
  return {seq: last.record.seq, end: last.end, next: orphan ? last.start : last.end};
}

/** The entries after seq `after` (up to the state's revision) that audit.jsonl does not hold yet. */
export type PendingAudit = (after: number) => readonly AuditEntry[];

/**
 * Newest last; `since` keeps entries at or after that ISO time; `limit` keeps the last N. Entries past
 * `upToRevision` are not read: they belong to a commit whose state is not in place yet.
 */
export function scanAudit(
  file: string,
  query: AuditQuery,
  chunkBytes?: number,
  upToRevision = Infinity,
  pending?: PendingAudit,
): Iterable<AuditEntry> {
  const entries = readEntries(file, auditMatcher(query), chunkBytes, upToRevision, pending);
  if (query.limit === undefined) return entries;
  return lastOf(entries, query.limit);
}

function* readEntries(
  file: string,
  matches: (entry: AuditEntry) => boolean,
  chunkBytes: number | undefined,
  upToRevision: number,
  pending: PendingAudit | undefined,
): Generator<AuditEntry> {
  let last = 0;
  for (const entry of entriesOf(file, chunkBytes, 0)) {
    if (entry.seq > upToRevision) return;
    last = entry.seq;
    if (matches(entry)) yield entry;
  }
  if (pending === undefined || last >= upToRevision) return;
  let missing = pending(last);
  // Not in the records any more: a checkpoint folded them away, after bringing audit.jsonl up to date.
  if (missing[0]?.seq !== last + 1) missing = [...entriesOf(file, chunkBytes, last)];
  for (const entry of missing) {
    if (entry.seq > upToRevision) return;
    if (matches(entry)) yield entry;
  }
}

function* entriesOf(file: string, chunkBytes: number | undefined, after: number): Generator<AuditEntry> {
  for (const line of readLines(file, chunkBytes)) {
    const entry = toRecord(line, file, AUDIT_LOG);
    if (entry.seq > after) yield entry;
  }
}

/** A ring of N: memory is bounded by the limit, not by the log. */
function lastOf<T>(items: Iterable<T>, limit: number): T[] {
  if (limit <= 0) return [];
  const ring: T[] = [];
  let next = 0;
  for (const item of items) {
    if (ring.length < limit) ring.push(item);
    else ring[next] = item;
    next = (next + 1) % limit;
  }
  return ring.length < limit ? ring : [...ring.slice(next), ...ring.slice(0, next)];
}
