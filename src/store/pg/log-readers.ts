// The ports' readers over the database: the message log and the audit log are read a page at a
// time in log order (seq), through the indexes on room, time and seq, and filtered with the same
// matchers as every other store, so the stores cannot drift apart.

import type {AuditQuery, BackupInfo, MessageQuery, Ports, RemovedObjects} from '../../domain/ports.js';
import type {AuditEntry, ChatMessage} from '../../domain/types.js';
import {auditMatcher, messageMatcher} from '../../domain/log-queries.js';
import {previewRestore, type ItemOps, type RemovalEntries, type RemovedEntry} from '../removal-merge.js';
import type {StoreFiles} from '../store-files.js';
import {auditEntrySchema} from '../state-schema.js';
import {pgArchives} from './pg-archives.js';
import {listDrillRows} from './pg-drills.js';
import type {QueryBridge} from './query-bridge.js';

const PAGE = 2000;

export const messageOps: ItemOps<ChatMessage> = {
  idOf: (m) => m.id,
  same: (a, b) => JSON.stringify(a) === JSON.stringify(b),
};

/**
 * A removal backup's record as pchat_backups.removal holds it: what it removed, and how many rewrite
 * passes it kept. The messages its rewrites deleted or replaced are rows of pchat_removal_entries
 * (schema version 3), read a page at a time; a record written before keeps them inline.
 */
export interface RemovalRecord {
  readonly objects: RemovedObjects;
  readonly passes: number;
  readonly entries?: readonly RemovedEntry<ChatMessage>[];
}

export interface Removal {
  readonly objects: RemovedObjects;
  readonly entries: RemovalEntries<ChatMessage>;
}

function* entryRows(db: QueryBridge, id: string): Generator<RemovedEntry<ChatMessage>> {
  let after = -1;
  for (;;) {
    const rows = db.query(
      `SELECT n, body FROM pchat_removal_entries WHERE backup_id = $1 AND n > $2 ORDER BY n LIMIT ${PAGE}`,
      [id, after],
    );
    for (const row of rows) yield row['body'] as RemovedEntry<ChatMessage>;
    if (rows.length < PAGE) return;
    after = Number(rows.at(-1)?.['n']);
  }
}

/** Messages with their place in the log, in log order; only the rooms and times asked for. */
export function* messageRows(
  db: QueryBridge,
  query: Pick<MessageQuery, 'roomIds' | 'from' | 'to'>,
): Generator<{seq: number; message: ChatMessage}> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.roomIds) where.push(`room_id = ANY($${params.push([...query.roomIds])}::text[])`);
  if (query.from !== undefined) where.push(`posted_at >= $${params.push(query.from)}`);
  if (query.to !== undefined) where.push(`posted_at <= $${params.push(query.to)}`);
  let after = 0;
  for (;;) {
    const sql = `SELECT seq, body FROM pchat_messages WHERE ${[...where, `seq > $${params.length + 1}`].join(' AND ')} ORDER BY seq LIMIT ${PAGE}`;
    const rows = db.query(sql, [...params, after]);
    for (const row of rows) yield {seq: Number(row['seq']), message: row['body'] as ChatMessage};
    if (rows.length < PAGE) return;
    after = Number(rows.at(-1)?.['seq']);
  }
}

function* scanMessages(db: QueryBridge, query: MessageQuery): Generator<ChatMessage> {
  let left = query.limit ?? Infinity;
  if (left <= 0) return;
  const matches = messageMatcher(query);
  for (const {message} of messageRows(db, query)) {
    if (!matches(message)) continue;
    yield message;
    if (--left === 0) return;
  }
}

/**
 * An entry as the file store reads it: through the entry's schema, so its keys come in the schema's
 * order whatever order its writer gave them, and `pchat store copy`'s checksums agree across stores.
 */
const auditEntryOf = (body: unknown): AuditEntry => {
  const parsed = auditEntrySchema.safeParse(body);
  return parsed.success ? parsed.data : (body as AuditEntry);
};

function scanAudit(db: QueryBridge, query: AuditQuery): Iterable<AuditEntry> {
  const matches = auditMatcher(query);
  const since = query.since === undefined ? '' : 'WHERE time >= $1';
  const params = query.since === undefined ? [] : [query.since];
  if (query.limit !== undefined) {
    if (query.limit <= 0) return [];
    const rows = db.query(
      `SELECT body FROM pchat_audit ${since} ORDER BY seq DESC LIMIT ${Math.floor(query.limit)}`,
      params,
    );
    return rows
      .map((r) => auditEntryOf(r['body']))
      .filter(matches)
      .reverse();
  }
  return (function* () {
    let after = 0;
    for (;;) {
      const rows = db.query(
        `SELECT seq, body FROM pchat_audit ${since ? `${since} AND` : 'WHERE'} seq > $${params.length + 1} ORDER BY seq LIMIT ${PAGE}`,
        [...params, after],
      );
      for (const row of rows) {
        const entry = auditEntryOf(row['body']);
        if (matches(entry)) yield entry;
      }
      if (rows.length < PAGE) return;
      after = Number(rows.at(-1)?.['seq']);
    }
  })();
}

export const listBackupRows = (db: QueryBridge): BackupInfo[] =>
  db.query('SELECT info FROM pchat_backups ORDER BY id').map((r) => r['info'] as BackupInfo);

export function removalOf(db: QueryBridge, id: string): Removal | null {
  const row = db.query('SELECT removal FROM pchat_backups WHERE id = $1', [id])[0];
  const record = (row?.['removal'] as RemovalRecord | null | undefined) ?? null;
  if (!record) return null;
  const inline = record.entries;
  return {
    objects: record.objects,
    entries: {passes: record.passes, read: () => inline ?? entryRows(db, id)},
  };
}

export function pgPorts(db: QueryBridge, files: StoreFiles, staged: Set<string>): Ports {
  return {
    messages: {scan: (query) => scanMessages(db, query)},
    audit: {scan: (query) => scanAudit(db, query)},
    backups: {
      list: () => listBackupRows(db),
      removed: (id) => removalOf(db, id)?.objects ?? null,
      previewRemoval: (id) => {
        const removal = removalOf(db, id);
        return removal
          ? previewRestore(() => scanMessages(db, {}), removal.entries, messageOps)
          : {deleted: 0, replaced: 0, changedSince: 0, existingIds: []};
      },
    },
    drills: {list: () => listDrillRows(db)},
    archives: pgArchives(db, files, staged),
  };
}
