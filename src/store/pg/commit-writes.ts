// A plan's effects as statements in the commit's transaction: messages appended or rewritten in
// place (a message keeps its seq, so the log keeps its order), backups as rows (with a copy of
// the message log), restores, removal backups, and an import's message files. Export files and
// archives are prepared here as temp files under the store's local exports/ and put in place only
// after the transaction commits.

import path from 'node:path';
import type {BackupInfo, Effect} from '../../domain/ports.js';
import type {ChatMessage, ChatState, Room, Category} from '../../domain/types.js';
import {identityOf} from '../../domain/content-identity.js';
import {compactTime, KEEP_BACKUPS, reasonSlug} from '../backups.js';
import {writeArchive} from '../archive-write.js';
import {prepareExport, type PreparedExport} from '../exports.js';
import {fileMessages} from '../message-log.js';
import {restoreMessages, type RemovedEntry} from '../removal-merge.js';
import type {StoreFiles} from '../store-files.js';
import {messageOps, messageRows, removalOf, type RemovalRecord} from './log-readers.js';
import {tableContent} from './pg-archives.js';
import type {QueryBridge} from './query-bridge.js';

const BATCH = 1000;

export interface WriteContext {
  readonly db: QueryBridge;
  readonly files: StoreFiles;
  /** The state the change started from, at the revision being replaced. */
  readonly fresh: ChatState;
  readonly now: Date;
  readonly command: string;
  readonly token: string;
}

export interface WrittenEffects {
  /** The state to store: a restore's backup state, or the plan's. */
  readonly state: ChatState;
  readonly backups: readonly BackupInfo[];
  readonly exports: readonly PreparedExport[];
}

export function appendMessages(db: QueryBridge, messages: readonly ChatMessage[]): void {
  for (let start = 0; start < messages.length; start += BATCH) {
    const batch = messages.slice(start, start + BATCH);
    db.query(
      'INSERT INTO pchat_messages (id, room_id, posted_at, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::json[])',
      [
        batch.map((m) => m.id),
        batch.map((m) => m.roomId),
        batch.map((m) => m.postedAt),
        batch.map((m) => JSON.stringify(m)),
      ],
    );
  }
}

export function appendInBatches<T>(items: Iterable<T>, write: (batch: T[]) => void): void {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === BATCH) {
      write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) write(batch);
}

export function writeEffects(
  context: WriteContext,
  planned: ChatState,
  effects: readonly Effect[],
): WrittenEffects {
  const {db, fresh} = context;
  let state = planned;
  const backups: BackupInfo[] = [];
  const exports: PreparedExport[] = [];
  const taken = new Set<string>();
  const removal = effects.some((e) => e.kind === 'keepRemoved')
    ? newRemoval(db, newBackupId(db, context.now, fresh.revision, context.command, taken))
    : null;

  const backUp = (reason: string): void => {
    const id = newBackupId(db, context.now, fresh.revision, reason, taken);
    db.run([
      {
        sql: 'INSERT INTO pchat_backups (id, created_at, info, state) VALUES ($1, $2, $3, $4)',
        params: [id, context.now.toISOString(), JSON.stringify(info(id, reason, 0)), JSON.stringify(fresh)],
      },
      {
        sql: 'INSERT INTO pchat_backup_messages (backup_id, seq, body) SELECT $1, seq, body FROM pchat_messages',
        params: [id],
      },
    ]);
    const bytes = Number(
      db.query(
        'SELECT octet_length(state::text) + coalesce((SELECT sum(octet_length(body::text) + 1) FROM pchat_backup_messages WHERE backup_id = $1), 0) AS bytes FROM pchat_backups WHERE id = $1',
        [id],
      )[0]?.['bytes'] ?? 0,
    );
    const made = info(id, reason, bytes);
    db.query('UPDATE pchat_backups SET info = $2 WHERE id = $1', [id, JSON.stringify(made)]);
    backups.push(made);
  };
  const info = (id: string, reason: string, bytes: number): BackupInfo => ({
    id,
    createdAt: context.now.toISOString(),
    reason,
    revision: fresh.revision,
    bytes,
    kind: 'store',
  });

  for (const effect of effects) {
    switch (effect.kind) {
      case 'appendMessages':
        appendMessages(db, effect.messages);
        break;
      case 'rewriteMessages':
        rewrite(db, effect, removal);
        break;
      case 'keepRemoved':
        removal?.rooms.push(...effect.rooms);
        removal?.categories.push(...effect.categories);
        break;
      case 'backup':
        backUp(effect.reason);
        break;
      case 'restoreBackup': {
        const row = db.query('SELECT state FROM pchat_backups WHERE id = $1', [effect.id])[0];
        if (!row) throw new Error(`There is no backup ${effect.id} to restore.`);
        backUp(`before restore of ${effect.id}`);
        state = row['state'] as ChatState;
        db.run([
          {sql: 'DELETE FROM pchat_messages', params: []},
          {
            sql: "INSERT INTO pchat_messages (id, room_id, posted_at, body) SELECT body->>'id', body->>'roomId', body->>'postedAt', body FROM pchat_backup_messages WHERE backup_id = $1 ORDER BY seq",
            params: [effect.id],
          },
        ]);
        break;
      }
      case 'restoreRemoval':
        restoreRemoval(db, effect.id);
        break;
      case 'appendMessageFiles':
        for (const entry of effect.files)
          appendInBatches(fileMessages(entry), (batch) => appendMessages(db, batch));
        break;
      case 'writeFile':
      case 'writeArchive':
        exports.push(
          prepareExport(context.files, {
            path: effect.path,
            data:
              effect.kind === 'writeArchive'
                ? {writeTo: (temp) => writeArchive(context.files, effect.archive, temp, tableContent(db))}
                : effect.data,
            token: context.token,
            step: exports.length + 1,
            taken: new Set(exports.map((e) => path.join(context.files.dir, e.final))),
            replace: effect.kind === 'writeFile' && effect.replace === true,
            append: effect.kind === 'writeFile' && effect.append === true,
          }),
        );
        break;
    }
  }
  if (removal) backups.push(keepRemoval(context, removal));
  if (backups.length > 0) prune(db);
  return {state, backups, exports};
}

/**
 * The removal backup a commit is writing: its rooms and categories, and the messages its rewrites
 * delete or replace, written as rows as the rewrites go (the backup's own row comes at the end).
 */
interface RemovalDraft {
  readonly id: string;
  readonly rooms: Room[];
  readonly categories: Category[];
  passes: number;
  /** Entries written, and their bytes. */
  count: number;
  bytes: number;
  add(entries: readonly RemovedEntry<ChatMessage>[]): void;
}

function newRemoval(db: QueryBridge, id: string): RemovalDraft {
  const draft: RemovalDraft = {
    id,
    rooms: [],
    categories: [],
    passes: 0,
    count: 0,
    bytes: 0,
    add: (entries) => {
      if (entries.length === 0) return;
      const bodies = entries.map((e) => JSON.stringify(e));
      db.query(
        'INSERT INTO pchat_removal_entries (backup_id, n, body) SELECT $1, * FROM unnest($2::bigint[], $3::json[])',
        [id, bodies.map((_, i) => draft.count + i + 1), bodies],
      );
      draft.count += bodies.length;
      draft.bytes += bodies.reduce((sum, b) => sum + Buffer.byteLength(b) + 1, 0);
    },
  };
  return draft;
}

/**
 * The log with a removal backup's messages back in it. The merge needs the whole log in order
 * (anchors may be in any room): it streams the log into a table of the transaction's own, a page at
 * a time, and the log is then replaced from it on the server, so no more than a page is held here.
 */
function restoreRemoval(db: QueryBridge, id: string): void {
  const removal = removalOf(db, id);
  if (!removal) throw new Error(`There is no removal backup ${id} to restore.`);
  db.query('CREATE TEMP TABLE pchat_restoring (n bigserial PRIMARY KEY, body json NOT NULL) ON COMMIT DROP');
  const current = (function* () {
    for (const row of messageRows(db, {})) yield row.message;
  })();
  appendInBatches(restoreMessages(current, removal.entries, messageOps), (batch) =>
    db.query('INSERT INTO pchat_restoring (body) SELECT * FROM unnest($1::json[])', [
      batch.map((m) => JSON.stringify(m)),
    ]),
  );
  db.run([
    {sql: 'DELETE FROM pchat_messages', params: []},
    {
      sql: "INSERT INTO pchat_messages (id, room_id, posted_at, body) SELECT body->>'id', body->>'roomId', body->>'postedAt', body FROM pchat_restoring ORDER BY n",
      params: [],
    },
    {sql: 'DROP TABLE pchat_restoring', params: []},
  ]);
}

/**
 * One rewrite pass: changed messages are updated in place, deleted ones removed; a removal keeps
 * both. The rooms' messages are read a page at a time and each batch is written before the next is
 * read: the pages ahead are past every row a batch changes, so no more than a batch is held.
 */
function rewrite(
  db: QueryBridge,
  effect: Extract<Effect, {kind: 'rewriteMessages'}>,
  removal: RemovalDraft | null,
): void {
  const pass = removal ? ++removal.passes : 0;
  const rows = messageRows(db, effect.roomIds === 'all' ? {} : {roomIds: effect.roomIds});
  let before: Before = {seq: 0, anchor: null};
  let batch: {seq: number; message: ChatMessage}[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      before = rewriteBatch(db, effect, batch, pass, removal, before);
      batch = [];
    }
  }
  rewriteBatch(db, effect, batch, pass, removal, before);
}

/** The row of the pass's rooms before a batch: its seq, and the anchor a deleted line after it takes. */
interface Before {
  readonly seq: number;
  readonly anchor: string | null;
}

function rewriteBatch(
  db: QueryBridge,
  effect: Extract<Effect, {kind: 'rewriteMessages'}>,
  rows: readonly {seq: number; message: ChatMessage}[],
  pass: number,
  removal: RemovalDraft | null,
  start: Before,
): Before {
  const outs = rows.map((row) => effect.rewrite(row.message));
  const deleted = rows.filter((_, i) => outs[i] === null).map((r) => r.seq);
  const updated = rows.flatMap((row, i) => {
    const out = outs[i];
    return out && out !== row.message ? [{seq: row.seq, message: out}] : [];
  });
  const interlopers = removal ? linesBetween(db, rows, outs, start.seq) : new Map<number, string>();
  if (updated.length > 0)
    db.query(
      'UPDATE pchat_messages m SET body = u.body FROM unnest($1::bigint[], $2::json[]) AS u(seq, body) WHERE m.seq = u.seq',
      [updated.map((u) => u.seq), updated.map((u) => JSON.stringify(u.message))],
    );
  if (deleted.length > 0) db.query('DELETE FROM pchat_messages WHERE seq = ANY($1::bigint[])', [deleted]);
  // A deleted message's anchor is the line before it that stayed, in any room: the last line of
  // another room between it and the row of the pass's rooms before it, else that row if it stayed,
  // else that row's anchor. Asking only between neighbours keeps each question to a short range.
  let before = start;
  const entries: RemovedEntry<ChatMessage>[] = [];
  rows.forEach(({seq, message}, i) => {
    const out = outs[i];
    if (out === null) {
      const after = interlopers.get(seq) ?? before.anchor;
      entries.push({kind: 'deleted', pass, id: message.id, after, item: message});
      before = {seq, anchor: after};
      return;
    }
    if (out !== undefined && out !== message)
      entries.push({kind: 'replaced', pass, id: message.id, item: message, now: out});
    before = {seq, anchor: message.id};
  });
  removal?.add(entries);
  return before;
}

/** For each deleted row: the id of the last line of another room between it and the row before it. */
function linesBetween(
  db: QueryBridge,
  rows: readonly {seq: number}[],
  outs: readonly (ChatMessage | null)[],
  startSeq: number,
): Map<number, string> {
  const pairs = rows.flatMap((row, i) => (outs[i] === null ? [[row.seq, rows[i - 1]?.seq ?? startSeq]] : []));
  const found = new Map<number, string>();
  if (pairs.length === 0) return found;
  for (const row of db.query(
    `SELECT u.d, (SELECT id FROM pchat_messages m WHERE m.seq > u.p AND m.seq < u.d ORDER BY m.seq DESC LIMIT 1) AS after
       FROM unnest($1::bigint[], $2::bigint[]) AS u(d, p)`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  ))
    if (typeof row['after'] === 'string') found.set(Number(row['d']), row['after']);
  return found;
}

function keepRemoval(context: WriteContext, removal: RemovalDraft): BackupInfo {
  const {db, fresh, command} = context;
  const record: RemovalRecord = {
    objects: {rooms: removal.rooms, categories: removal.categories},
    passes: removal.passes,
  };
  const text = JSON.stringify(record);
  const made: BackupInfo = {
    id: removal.id,
    createdAt: context.now.toISOString(),
    reason: command,
    revision: fresh.revision,
    bytes: Buffer.byteLength(text) + removal.bytes,
    kind: 'removal',
    command,
    rooms: removal.rooms.map(identityOf),
    categories: removal.categories.map(identityOf),
    messages: removal.count,
  };
  db.query('INSERT INTO pchat_backups (id, created_at, info, state, removal) VALUES ($1, $2, $3, $4, $5)', [
    removal.id,
    made.createdAt,
    JSON.stringify(made),
    JSON.stringify(fresh),
    text,
  ]);
  return made;
}

/** The file store's backup name: time, revision and reason, with -2, -3 ... when it is taken. */
function newBackupId(
  db: QueryBridge,
  now: Date,
  revision: number,
  reason: string,
  taken: Set<string>,
): string {
  const base = `${compactTime(now.toISOString())}-${revision}-${reasonSlug(reason)}`;
  const existing = new Set(
    db
      .query("SELECT id FROM pchat_backups WHERE id = $1 OR id LIKE $1 || '-%'", [base])
      .map((r) => String(r['id'])),
  );
  let id = base;
  for (let n = 2; taken.has(id) || existing.has(id); n += 1) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** As the file store: the newest KEEP_BACKUPS of each kind are kept. */
function prune(db: QueryBridge): void {
  db.query(
    `DELETE FROM pchat_backups WHERE id IN (
       SELECT id FROM (
         SELECT id, row_number() OVER (PARTITION BY coalesce(info->>'kind', 'store') ORDER BY id DESC) AS n FROM pchat_backups
       ) ranked WHERE n > $1)`,
    [KEEP_BACKUPS],
  );
}
