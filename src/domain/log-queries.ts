// Which messages and audit entries a query selects. Every store answers queries with these, so the
// in-memory store of the tests and the logs on disk cannot drift apart.

import type {AuditQuery, MessageQuery} from './ports.js';
import type {AuditEntry, ChatMessage} from './types.js';

/** A predicate for the query's rooms, author (any case) and inclusive time bounds; `limit` is the caller's. */
export function messageMatcher(query: MessageQuery): (message: ChatMessage) => boolean {
  const rooms = query.roomIds ? new Set(query.roomIds) : null;
  const author = query.author ? query.author.toLowerCase() : null;
  return (m) =>
    (!rooms || rooms.has(m.roomId)) &&
    (!author || m.author.toLowerCase() === author) &&
    (!query.from || m.postedAt >= query.from) &&
    (!query.to || m.postedAt <= query.to);
}

/** Entries at or after `since` (an ISO time); `limit` (the last N) is the caller's. */
export const auditMatcher =
  (query: AuditQuery) =>
  (entry: AuditEntry): boolean =>
    query.since === undefined || entry.time >= query.since;

/** The last `limit` items, none for a limit of 0 or less, all when there is no limit. */
export const lastN = <T>(items: readonly T[], limit: number | undefined): readonly T[] =>
  limit === undefined ? items : limit <= 0 ? [] : items.slice(-limit);
