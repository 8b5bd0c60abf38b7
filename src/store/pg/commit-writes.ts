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
import {messageOps, messageRows, removalEntries, removalOf, type RemovalRecord} from './log-readers.js';
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
    ? {
        rooms: [] as Room[],
        categories: [] as Category[],
        entries: [] as RemovedEntry<ChatMessage>[],
        passes: 0,
      }
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
      case 'restoreRemoval': {
        const record = removalOf(db, effect.id);
        if (!record) throw new Error(`There is no removal backup ${effect.id} to restore.`);
        // The merge needs the whole log in order (anchors may be in any room): the log is rewritten
        // whole, which a restore of a removal, rare and asked for by name, can afford.
        const current = [...messageRows(db, {})].map((r) => r.message);
        const restored = [...restoreMessages(current, removalEntries(record), messageOps)];
        db.query('DELETE FROM pchat_messages');
        appendMessages(db, restored);
        break;
      }
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
  if (removal) backups.push(keepRemoval(context, removal, taken));
  if (backups.length > 0) prune(db);
  return {state, backups, exports};
}

/** One rewrite pass: changed messages are updated in place, deleted ones removed; a removal keeps both. */
function rewrite(
  db: QueryBridge,
  effect: Extract<Effect, {kind: 'rewriteMessages'}>,
  removal: {entries: RemovedEntry<ChatMessage>[]; passes: number} | null,
): void {
  const pass = removal ? ++removal.passes : 0;
  const deleted: number[] = [];
  const updated: {seq: number; message: ChatMessage}[] = [];
  const entries: RemovedEntry<ChatMessage>[] = [];
  const rows = messageRows(db, effect.roomIds === 'all' ? {} : {roomIds: effect.roomIds});
  for (const {seq, message} of [...rows]) {
    const out = effect.rewrite(message);
    if (out === null) {
      deleted.push(seq);
      entries.push({kind: 'deleted', pass, id: message.id, after: String(seq), item: message});
    } else if (out !== message) {
      updated.push({seq, message: out});
      entries.push({kind: 'replaced', pass, id: message.id, item: message, now: out});
    }
  }
  for (let start = 0; start < updated.length; start += BATCH) {
    const batch = updated.slice(start, start + BATCH);
    db.query(
      'UPDATE pchat_messages m SET body = u.body FROM unnest($1::bigint[], $2::json[]) AS u(seq, body) WHERE m.seq = u.seq',
      [batch.map((u) => u.seq), batch.map((u) => JSON.stringify(u.message))],
    );
  }
  if (deleted.length > 0) db.query('DELETE FROM pchat_messages WHERE seq = ANY($1::bigint[])', [deleted]);
  if (!removal) return;
  // A deleted message's anchor is the line before it that stayed, in any room: asked once the pass's
  // deletions are made.
  const anchors = new Map<string, string | null>();
  if (deleted.length > 0)
    for (const row of db.query(
      'SELECT d.seq, (SELECT id FROM pchat_messages m WHERE m.seq < d.seq ORDER BY m.seq DESC LIMIT 1) AS after FROM unnest($1::bigint[]) AS d(seq)',
      [deleted],
    ))
      anchors.set(String(row['seq']), (row['after'] as string | null) ?? null);
  for (const entry of entries)
    removal.entries.push(
      entry.kind === 'deleted' ? {...entry, after: anchors.get(entry.after ?? '') ?? null} : entry,
    );
}

function keepRemoval(
  context: WriteContext,
  removal: {rooms: Room[]; categories: Category[]; entries: RemovedEntry<ChatMessage>[]; passes: number},
  taken: Set<string>,
): BackupInfo {
  const {db, fresh, command} = context;
  const id = newBackupId(db, context.now, fresh.revision, command, taken);
  const record: RemovalRecord = {
    objects: {rooms: removal.rooms, categories: removal.categories},
    passes: removal.passes,
    entries: removal.entries,
  };
  const text = JSON.stringify(record);
  const made: BackupInfo = {
    id,
    createdAt: context.now.toISOString(),
    reason: command,
    revision: fresh.revision,
    bytes: Buffer.byteLength(text),
    kind: 'removal',
    command,
    rooms: removal.rooms.map(identityOf),
    categories: removal.categories.map(identityOf),
    messages: removal.entries.length,
  };
  db.query('INSERT INTO pchat_backups (id, created_at, info, state, removal) VALUES ($1, $2, $3, $4, $5)', [
    id,
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
