// The database schema, as versioned migrations applied in order: pchat_schema_version records
// each one applied. `pchat init` and every open apply the missing ones, under an advisory lock so
// that two hosts starting at once do not both apply the same one.
//
// Spec note: the state is kept per collection (one row per top-level field of the state: topology,
// policies, categories, rooms, operators ...), each with the revision that last wrote it, so a
// commit writes only the collections it changed and a reader fetches only those newer than what
// it holds. The bodies are `json`, not `jsonb`: jsonb reorders keys, and the Get output follows
// the objects' key order, which must be the same on both stores. Messages and audit entries are
// rows, with their query fields as indexed columns (text in the "C" collation, compared byte for
// byte as the domain compares ISO times).

import type {QueryBridge} from './query-bridge.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'state collections, messages, audit log and backups',
    sql: `
      CREATE TABLE pchat_store (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        revision bigint NOT NULL
      );
      CREATE TABLE pchat_collections (
        name text COLLATE "C" PRIMARY KEY,
        body json NOT NULL,
        revision bigint NOT NULL,
        position int NOT NULL
      );
      CREATE TABLE pchat_messages (
        seq bigserial PRIMARY KEY,
        id text COLLATE "C" NOT NULL,
        room_id text COLLATE "C" NOT NULL,
        posted_at text COLLATE "C" NOT NULL,
        body json NOT NULL
      );
      CREATE INDEX pchat_messages_room_seq ON pchat_messages (room_id, seq);
      CREATE INDEX pchat_messages_room_time ON pchat_messages (room_id, posted_at);
      CREATE INDEX pchat_messages_time ON pchat_messages (posted_at);
      CREATE TABLE pchat_audit (
        seq bigint PRIMARY KEY,
        time text COLLATE "C" NOT NULL,
        body json NOT NULL
      );
      CREATE INDEX pchat_audit_time ON pchat_audit (time);
      CREATE TABLE pchat_backups (
        id text COLLATE "C" PRIMARY KEY,
        created_at text COLLATE "C" NOT NULL,
        info json NOT NULL,
        state json NOT NULL,
        removal json
      );
      CREATE TABLE pchat_backup_messages (
        backup_id text COLLATE "C" NOT NULL REFERENCES pchat_backups (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (backup_id, seq)
      );
    `,
  },
  {
    version: 2,
    name: "drill records and the holders of the pools' drill locks",
    // The lock itself is a session advisory lock of the drill's connection (pg-drills.ts): the
    // holder's row only names who took it, for the refusal of a second drill.
    sql: `
      CREATE TABLE pchat_drills (
        id text COLLATE "C" PRIMARY KEY,
        pool text COLLATE "C" NOT NULL,
        started_at text COLLATE "C" NOT NULL,
        body json NOT NULL
      );
      CREATE INDEX pchat_drills_started ON pchat_drills (started_at, id);
      CREATE TABLE pchat_drill_locks (
        pool text COLLATE "C" PRIMARY KEY,
        holder json NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'the messages a removal backup keeps, as rows',
    // Written while the commit's rewrite streams the log, before the backup's own row: the key is
    // checked at COMMIT.
    sql: `
      CREATE TABLE pchat_removal_entries (
        backup_id text COLLATE "C" NOT NULL
          REFERENCES pchat_backups (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        n bigint NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (backup_id, n)
      );
    `,
  },
];

/** The version the code's migrations reach. */
export const schemaVersion = (): number => MIGRATIONS.at(-1)?.version ?? 0;

/** Applies the migrations the database lacks, in one transaction; returns the schema version. */
export function migrate(db: QueryBridge): number {
  db.query('BEGIN');
  try {
    db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['pchat_schema_version']);
    db.query(
      'CREATE TABLE IF NOT EXISTS pchat_schema_version (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = Number(
      db.query('SELECT coalesce(max(version), 0) AS v FROM pchat_schema_version')[0]?.['v'],
    );
    for (const migration of MIGRATIONS) {
      if (migration.version <= applied) continue;
      db.run([
        {sql: migration.sql, params: []},
        {
          sql: 'INSERT INTO pchat_schema_version (version, name) VALUES ($1, $2)',
          params: [migration.version, migration.name],
        },
      ]);
    }
    db.query('COMMIT');
  } catch (error) {
    rollbackQuietly(db);
    throw error;
  }
  return schemaVersion();
}

export function rollbackQuietly(db: QueryBridge): void {
  try {
    db.query('ROLLBACK');
  } catch {
    // The connection is gone, and the transaction with it.
  }
}
