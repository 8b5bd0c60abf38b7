// The store on PostgreSQL, behind the same port as the file store. A commit is one transaction:
// it locks the store's revision row (SELECT ... FOR UPDATE, so commits from every host queue there),
// reads the collections newer than the state it holds, runs the change on that fresh state, writes
// the collections the change replaced, the effects, the audit entry and the new revision, and
// announces the revision (NOTIFY) when it commits. Anything that fails before COMMIT rolls the whole
// transaction back, and a writer that dies mid-commit leaves nothing behind: the server rolls back.

import path from 'node:path';
import {randomBytes} from 'node:crypto';
import type {ClientConfig} from 'pg';
import type {AuditEntry, ChatMessage, ChatState} from '../../domain/types.js';
import type {Ports} from '../../domain/ports.js';
import {StoreError, type CommitOutcome, type CommitPlan, type StorePort} from '../port.js';
import {auditEntrySchema, chatMessageSchema, chatStateSchema, firstIssue} from '../state-schema.js';
import {publishExport, type PreparedExport} from '../exports.js';
import {removeQuietly} from '../durable-fs.js';
import {makeDirectories} from '../make-directories.js';
import {storeFiles, type StoreFiles} from '../store-files.js';
import {applyRows, changedCollections} from './collections.js';
import {appendInBatches, appendMessages, writeEffects} from './commit-writes.js';
import {pgPorts} from './log-readers.js';
import {migrate, rollbackQuietly, schemaVersion} from './migrations.js';
import {QueryBridge} from './query-bridge.js';
import {storeErrorOf} from './store-errors.js';
import {localDirOf, parseTarget, type PgTarget} from './target.js';
import {listenForCommits, type ConnectionState} from './listen.js';
import {pgDrills} from './pg-drills.js';
import type {DrillPort} from '../drill-port.js';

export interface PgStoreOptions {
  /** How long a statement may run, and a commit wait for another's, before the store gives up; default 10 s. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Change<T> = (fresh: ChatState, ports: Ports) => {plan: CommitPlan | null; result: T};

export class PgStore implements StorePort {
  readonly dir: string;
  readonly label: string;
  /** The database user: the operator the store's operator list maps to roles. */
  readonly user: string;
  private readonly db: QueryBridge;
  private readonly files: StoreFiles;
  private readonly config: ClientConfig;
  private readonly options: PgStoreOptions;
  private held: ChatState | null = null;
  private readonly stops = new Set<() => void>();
  private live: ConnectionState = 'connected';
  /** Folders of imported archives, staged for a commit: removed when the commit is over. */
  private readonly staged = new Set<string>();

  /** Use openPgStore or createPgStore. */
  constructor(
    target: PgTarget,
    db: QueryBridge,
    config: ClientConfig,
    user: string,
    options: PgStoreOptions,
  ) {
    this.label = target.label;
    this.db = db;
    this.config = config;
    this.user = user;
    this.options = options;
    this.dir = localDirOf(target, options.env ?? process.env);
    this.files = storeFiles(this.dir);
  }

  read(): Promise<ChatState> {
    return this.guard(() => {
      const [store, rows] = this.db.run([
        {sql: 'SELECT revision FROM pchat_store', params: []},
        {
          sql: 'SELECT name, body FROM pchat_collections WHERE revision > $1 ORDER BY position',
          params: [this.held?.revision ?? -1],
        },
      ]);
      const revision = Number(store?.rows[0]?.['revision'] ?? NaN);
      if (Number.isNaN(revision)) throw this.notFound();
      return this.refreshWith(rows?.rows ?? []);
    });
  }

  ports(): Ports {
    return pgPorts(this.db, this.files, this.staged);
  }

  commit<T>(change: Change<T>): Promise<CommitOutcome<T>> {
    return this.guard(() => {
      let exports: readonly PreparedExport[] = [];
      let stage: 'before' | 'commit' = 'before';
      this.db.query('BEGIN');
      try {
        const locked = this.db.query('SELECT revision FROM pchat_store FOR UPDATE')[0];
        if (!locked) throw this.notFound();
        const fresh = this.refreshWith(
          this.db.query('SELECT name, body FROM pchat_collections WHERE revision > $1 ORDER BY position', [
            this.held?.revision ?? -1,
          ]),
        );
        const {plan, result} = change(fresh, this.ports());
        if (!plan) {
          this.db.query('ROLLBACK');
          return {result, revision: fresh.revision, committed: false, backups: []};
        }
        const revisionAfter = fresh.revision + 1;
        const now = this.options.now?.() ?? new Date();
        if (plan.effects.some((e) => e.kind === 'writeFile' || e.kind === 'writeArchive'))
          makeDirectories(this.dir, 0o700);
        const written = writeEffects(
          {
            db: this.db,
            files: this.files,
            fresh,
            now,
            command: plan.audit.command,
            token: randomBytes(8).toString('hex'),
          },
          plan.state,
          plan.effects,
        );
        exports = written.exports;
        const state = checked({...written.state, revision: revisionAfter});
        this.writeState(fresh, state, revisionAfter);
        this.writeAudit({
          ...plan.audit,
          seq: revisionAfter,
          time: now.toISOString(),
          revisionBefore: fresh.revision,
          revisionAfter,
        });
        stage = 'commit';
        this.db.query('COMMIT');
        this.held = state;
        for (const prepared of exports) publishExport(this.files, prepared);
        return {result, revision: revisionAfter, committed: true, backups: written.backups};
      } catch (error) {
        if (stage === 'before') {
          rollbackQuietly(this.db);
          for (const prepared of exports) removeQuietly(path.join(this.files.dir, prepared.temp));
        }
        throw storeErrorOf(error, this.label, stage);
      } finally {
        this.removeStaged();
      }
    });
  }

  private removeStaged(): void {
    for (const dir of this.staged) if (path.dirname(dir) === this.files.dir) removeQuietly(dir);
    this.staged.clear();
  }

  drillPort(): DrillPort {
    return pgDrills({
      store: this,
      db: this.db,
      connect: () => bridgeOf(this.config, this.label, this.options),
      files: this.files,
      user: this.user,
      inSnapshot: (read) => this.inSnapshot(read),
    });
  }

  /** Runs `read` in one read-only snapshot of the database (REPEATABLE READ): every query sees the same commits. */
  private async inSnapshot<T>(read: () => Promise<T>): Promise<T> {
    await this.guard(() =>
      this.db.run([
        {sql: 'BEGIN', params: []},
        {sql: 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', params: []},
      ]),
    );
    try {
      const result = await read();
      await this.guard(() => this.db.query('COMMIT'));
      return result;
    } catch (error) {
      rollbackQuietly(this.db);
      throw error;
    }
  }

  watch(onChange: () => void): () => void {
    const stop = listenForCommits(this.config, {
      onCommit: onChange,
      onState: (state) => {
        this.live = state;
      },
    });
    this.stops.add(stop);
    return () => {
      stop();
      this.stops.delete(stop);
    };
  }

  /** 'connected', or 'reconnecting' while the live refresh has lost the server. */
  connection(): ConnectionState {
    return this.live;
  }

  close(): void {
    this.removeStaged();
    for (const stop of this.stops) stop();
    this.stops.clear();
    this.db.close();
  }

  /** Every state field the change replaced (by identity), the revision's row, and the new revision. */
  private writeState(fresh: ChatState, state: ChatState, revision: number): void {
    const rows = changedCollections(fresh, state, revision);
    const dropped = Object.keys(fresh).filter((name) => !(name in state));
    this.db.run([
      {
        sql: `INSERT INTO pchat_collections (name, body, revision, position)
              SELECT * FROM unnest($1::text[], $2::json[], $3::bigint[], $4::int[])
              ON CONFLICT (name) DO UPDATE SET body = excluded.body, revision = excluded.revision, position = excluded.position`,
        params: [
          [...rows.map((r) => r.name), ...dropped],
          [...rows.map((r) => JSON.stringify(r.body)), ...dropped.map(() => 'null')],
          [...rows.map(() => revision), ...dropped.map(() => revision)],
          [...rows.map((r) => r.position), ...dropped.map(() => 1_000_000)],
        ],
      },
      {sql: 'UPDATE pchat_store SET revision = $1', params: [revision]},
      {sql: "SELECT pg_notify('pchat_commit', $1)", params: [String(revision)]},
    ]);
  }

  private writeAudit(entry: AuditEntry): void {
    const parsed = auditEntrySchema.safeParse(entry);
    if (!parsed.success)
      throw new Error(`The audit entry of this commit is malformed (${firstIssue(parsed.error)}).`);
    this.db.query('INSERT INTO pchat_audit (seq, time, body) VALUES ($1, $2, $3)', [
      entry.seq,
      entry.time,
      JSON.stringify(entry),
    ]);
  }

  /** The held state with the newer rows laid over it; a row whose body is null is a dropped field. */
  private refreshWith(rows: readonly Record<string, unknown>[]): ChatState {
    if (rows.length === 0 && this.held) return this.held;
    const present = rows
      .filter((r) => r['body'] !== null)
      .map((r) => ({name: String(r['name']), body: r['body']}));
    const removed = rows.filter((r) => r['body'] === null).map((r) => String(r['name']));
    this.held = applyRows(this.held, present, removed);
    return this.held;
  }

  private notFound(): StoreError {
    return new StoreError(
      'StoreNotFound',
      `There is no pchat store at ${this.label}. Create one with: pchat init --store ${this.label}`,
      this.label,
    );
  }

  /** Runs a synchronous step of the store as a promise, with the server's failures as store errors. */
  private guard<T>(step: () => T): Promise<T> {
    try {
      return Promise.resolve(step());
    } catch (error) {
      return Promise.reject(storeErrorOf(error, this.label));
    }
  }
}

/** A state the store could not read back must never be written. */
function checked(state: ChatState): ChatState {
  const parsed = chatStateSchema.safeParse(state);
  if (!parsed.success)
    throw new Error(`The new state is malformed and was not saved (${firstIssue(parsed.error)}).`);
  return state;
}

/** A connection of its own (in a worker thread): a request waits for the server's limits and a second. */
const bridgeOf = (config: ClientConfig, label: string, options: PgStoreOptions): QueryBridge =>
  new QueryBridge(config, label, (options.timeoutMs ?? 10_000) * 2 + 1000);

function connect(
  url: string,
  options: PgStoreOptions,
): {target: PgTarget; db: QueryBridge; config: ClientConfig; user: string} {
  const target = parseTarget(url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const config: ClientConfig = {
    ...target.connection,
    application_name: 'pchat',
    statement_timeout: timeoutMs,
    lock_timeout: timeoutMs,
    connectionTimeoutMillis: timeoutMs,
  };
  const db = bridgeOf(config, target.label, options);
  try {
    const user = String(db.query('SELECT current_user AS u')[0]?.['u']);
    return {target, db, config, user};
  } catch (error) {
    db.close();
    throw storeErrorOf(error, target.label);
  }
}

/** The database user a URL connects as (with PG* and ~/.pgpass): the operator `pchat init` makes an administrator. */
export function databaseUser(url: string, options: PgStoreOptions = {}): string {
  const {db, user} = connect(url, options);
  db.close();
  return user;
}

/** Opens an existing store (applying any migration it lacks); StoreNotFound when the database has none. */
export function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const {target, db, config, user} = connect(url, options);
  try {
    const exists = db.query("SELECT to_regclass('pchat_store') IS NOT NULL AS e")[0]?.['e'] === true;
    const store = new PgStore(target, db, config, user, options);
    if (!exists || db.query('SELECT 1 FROM pchat_store').length === 0) {
      db.close();
      return Promise.reject(
        new StoreError(
          'StoreNotFound',
          `There is no pchat store at ${target.label}. Create one with: pchat init --store ${target.label}`,
          target.label,
        ),
      );
    }
    // An operator who may not create tables uses a store whose schema is up to date.
    const version = Number(
      db.query('SELECT coalesce(max(version), 0) AS v FROM pchat_schema_version')[0]?.['v'],
    );
    if (version < schemaVersion()) migrate(db);
    return Promise.resolve(store);
  } catch (error) {
    db.close();
    return Promise.reject(storeErrorOf(error, target.label));
  }
}

export interface PgCreateOptions extends PgStoreOptions {
  /** Replace a store the database holds; the old state and messages are kept as a backup first. */
  readonly force?: boolean;
  /** The command that replaces it, for the backup's reason; default `pchat init`. */
  readonly command?: string;
}

/**
 * Creates the store in one transaction: the schema (through the migrations), then the state, the
 * messages and the audit entries given (a store built elsewhere, or copied).
 */
export const createPgStore = (
  url: string,
  content: {state: ChatState; messages: Iterable<ChatMessage>; audit: Iterable<AuditEntry>},
  options: PgCreateOptions = {},
): Promise<PgStore> => Promise.resolve().then(() => createNow(url, content, options));

function createNow(
  url: string,
  content: {state: ChatState; messages: Iterable<ChatMessage>; audit: Iterable<AuditEntry>},
  options: PgCreateOptions = {},
): PgStore {
  const {target, db, config, user} = connect(url, options);
  try {
    checked(content.state);
    migrate(db);
    db.query('BEGIN');
    try {
      const existing = db.query('SELECT revision FROM pchat_store FOR UPDATE')[0];
      if (existing && !options.force)
        throw new StoreError(
          'StoreExists',
          `A store already exists at ${target.label}. Use --force to replace it (the old one is kept as a backup).`,
          target.label,
        );
      if (existing)
        keepOldStore(
          db,
          storeFiles(localDirOf(target, options.env ?? process.env)),
          options.now?.() ?? new Date(),
          options.command ?? 'pchat init',
        );
      db.run([
        {sql: 'DELETE FROM pchat_messages', params: []},
        {sql: 'DELETE FROM pchat_audit', params: []},
        {sql: 'DELETE FROM pchat_collections', params: []},
        {sql: 'DELETE FROM pchat_store', params: []},
      ]);
      const revision = content.state.revision;
      const rows = changedCollections(null, content.state, revision);
      db.run([
        {
          sql: 'INSERT INTO pchat_collections (name, body, revision, position) SELECT * FROM unnest($1::text[], $2::json[], $3::bigint[], $4::int[])',
          params: [
            rows.map((r) => r.name),
            rows.map((r) => JSON.stringify(r.body)),
            rows.map(() => revision),
            rows.map((r) => r.position),
          ],
        },
        {sql: 'INSERT INTO pchat_store (revision) VALUES ($1)', params: [revision]},
      ]);
      appendInBatches(content.messages, (batch) => {
        for (const m of batch) {
          const parsed = chatMessageSchema.safeParse(m);
          if (!parsed.success) throw new Error(`A message is malformed (${firstIssue(parsed.error)}).`);
        }
        appendMessages(db, batch);
      });
      appendInBatches(content.audit, (batch) =>
        db.query(
          'INSERT INTO pchat_audit (seq, time, body) SELECT * FROM unnest($1::bigint[], $2::text[], $3::json[])',
          [batch.map((e) => e.seq), batch.map((e) => e.time), batch.map((e) => JSON.stringify(e))],
        ),
      );
      db.query("SELECT pg_notify('pchat_commit', $1)", [String(revision)]);
      db.query('COMMIT');
    } catch (error) {
      rollbackQuietly(db);
      throw error;
    }
    return new PgStore(target, db, config, user, options);
  } catch (error) {
    db.close();
    throw storeErrorOf(error, target.label);
  }
}

/** `pchat init --force` or `pchat store copy --force`: the store it replaces is kept as a backup row, as the file store keeps a directory. */
function keepOldStore(db: QueryBridge, files: StoreFiles, now: Date, command: string): void {
  const rows = db.query('SELECT name, body FROM pchat_collections ORDER BY position');
  const state = applyRows(
    null,
    rows.filter((r) => r['body'] !== null).map((r) => ({name: String(r['name']), body: r['body']})),
    [],
  );
  writeEffects({db, files, fresh: state, now, command, token: ''}, state, [
    {kind: 'backup', reason: `replaced by ${command}`},
  ]);
}
