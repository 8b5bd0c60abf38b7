// The audit log: one entry per committed revision (seq = revision), appended before the commit point.

import {auditMatcher} from '../domain/log-queries.js';
import type {AuditQuery} from '../domain/ports.js';
import type {AuditEntry} from '../domain/types.js';
import {appendOffset, readLines, toRecord, type LogFormat} from './jsonl.js';
import {auditEntrySchema} from './state-schema.js';

const AUDIT_LOG: LogFormat<AuditEntry> = {what: 'an audit entry', schema: auditEntrySchema};

/**
 * Where the next entry goes (jsonl.ts: a cut-off last line is overwritten, a damaged one refused), and
 * over an entry past `revision`, left by a commit that did not reach its commit point.
 */
export const auditAppendOffset = (file: string, revision = Infinity): number =>
  appendOffset(file, AUDIT_LOG, (entry) => entry.revisionAfter > revision);

/**
 * Newest last; `since` keeps entries at or after that ISO time; `limit` keeps the last N. Entries past
 * `upToRevision` are not read: they belong to a commit whose state is not in place yet.
 */
export function scanAudit(
  file: string,
  query: AuditQuery,
  chunkBytes?: number,
  upToRevision = Infinity,
): Iterable<AuditEntry> {
  const entries = readEntries(file, auditMatcher(query), chunkBytes, upToRevision);
  if (query.limit === undefined) return entries;
  return lastOf(entries, query.limit);
}

function* readEntries(
  file: string,
  matches: (entry: AuditEntry) => boolean,
  chunkBytes: number | undefined,
  upToRevision: number,
): Generator<AuditEntry> {
  for (const line of readLines(file, chunkBytes)) {
    const entry = toRecord(line, file, AUDIT_LOG);
    if (entry.seq > upToRevision) return;
    if (matches(entry)) yield entry;
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
