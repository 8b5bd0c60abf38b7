// The drills of a PostgreSQL store. Records are rows of pchat_drills, each replaced in its own
// statement, so a drill killed between steps resumes from the server. The one-drill-per-pool lock
// is a session advisory lock taken on a connection of the drill's own, held for the drill's life:
// whichever host runs the drill, a process that dies (kill -9, a lost host) drops its connection
// and the server lets the lock go, so no lock is left behind to remove by hand. The holder is
// written to pchat_drill_locks for the refusal to name. A rehearsal runs on a local copy of the
// store (a store directory under the store's local folder, $PCHAT_STATE_DIR/postgres/...), made
// with `pchat store copy`'s copy from one snapshot of the database, and nothing of the database but
// the drill's record changes.

import os from 'node:os';
import type {DrillRecord} from '../../domain/drills.js';
import {holderText, type DrillPort} from '../drill-port.js';
import {drillRecordSchema, removeScratch, scratchDir} from '../drill-records.js';
import {makeDirectories} from '../make-directories.js';
import type {StorePort} from '../port.js';
import type {StoreFiles} from '../store-files.js';
import type {QueryBridge} from './query-bridge.js';
import {storeErrorOf} from './store-errors.js';

export interface PgDrillParts {
  readonly store: StorePort & {readonly label: string};
  /** The store's connection, for the records. */
  readonly db: QueryBridge;
  /** A new connection of its own, for a pool's lock. */
  readonly connect: () => QueryBridge;
  /** The store's local folder: exports, and the rehearsals' copies under drills/. */
  readonly files: StoreFiles;
  /** The database user: the operator a drill acts as. */
  readonly user: string;
  /** Runs `read` on one snapshot of the database, so that what it reads twice reads the same. */
  readonly inSnapshot: <T>(read: () => Promise<T>) => Promise<T>;
}

/** Oldest first; a row that is not a readable record is not listed, as a damaged file is not. */
export function listDrillRows(db: QueryBridge): DrillRecord[] {
  return db.query('SELECT id, body FROM pchat_drills ORDER BY started_at, id').flatMap((row) => {
    const parsed = drillRecordSchema.safeParse(row['body']);
    return parsed.success && parsed.data.id === row['id'] ? [parsed.data] : [];
  });
}

/** The two keys of a pool's advisory lock: pchat's drills, then the pool. */
const LOCK_KEYS = "hashtext('pchat_drill'), hashtext($1)";

export function pgDrills(parts: PgDrillParts): DrillPort {
  const {store, db, files} = parts;
  const guard = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      throw storeErrorOf(error, store.label);
    }
  };
  return {
    operator: parts.user,
    list: () => guard(() => listDrillRows(db)),
    write: (record) =>
      guard(() =>
        db.query(
          `INSERT INTO pchat_drills (id, pool, started_at, body) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
          [record.id, record.pool.toLowerCase(), record.startedAt, JSON.stringify(record)],
        ),
      ),
    lock: (pool, user) => Promise.resolve(guard(() => lockPool(parts, pool.toLowerCase(), pool, user))),
    copyForRehearsal: async (id) => {
      makeDirectories(files.drills, 0o700);
      const {copyOpenStore} = await import('../copy-store.js');
      const to = scratchDir(files, id);
      await parts.inSnapshot(() => copyOpenStore(store, store.label, to));
    },
    openRehearsal: async (id) => {
      const {openStore} = await import('../file-store.js');
      return openStore(scratchDir(files, id));
    },
    removeRehearsal: (id) => removeScratch(files, id),
  };
}

function lockPool(parts: PgDrillParts, key: string, pool: string, user: string) {
  const connection = parts.connect();
  try {
    const [taken, backend] = connection.run([
      {sql: `SELECT pg_try_advisory_lock(${LOCK_KEYS}) AS got`, params: [key]},
      {sql: 'SELECT pg_backend_pid() AS pid', params: []},
    ]);
    if (taken?.rows[0]?.['got'] !== true) {
      connection.close();
      // The row names the holder only while its connection is alive: a dead holder's row is stale.
      const row = parts.db.query(
        `SELECT holder FROM pchat_drill_locks
         WHERE pool = $1 AND (holder->>'backend')::int IN (SELECT pid FROM pg_stat_activity)`,
        [key],
      )[0];
      const holder = row?.['holder'] as Parameters<typeof holderText>[0] | undefined;
      return {
        refused: `A drill of ${pool} is already running, held by ${holder ? holderText(holder) : 'another process'}; wait for it to end. The database lets go of the lock when that process ends.`,
      };
    }
    const holder = {
      user,
      pid: process.pid,
      host: os.hostname(),
      startedAt: new Date().toISOString(),
      backend: Number(backend?.rows[0]?.['pid']),
    };
    connection.query(
      `INSERT INTO pchat_drill_locks (pool, holder) VALUES ($1, $2)
       ON CONFLICT (pool) DO UPDATE SET holder = excluded.holder`,
      [key, JSON.stringify(holder)],
    );
    return {
      release: () => {
        try {
          connection.run([
            {
              sql: "DELETE FROM pchat_drill_locks WHERE pool = $1 AND holder->>'backend' = $2",
              params: [key, String(holder.backend)],
            },
            {sql: `SELECT pg_advisory_unlock(${LOCK_KEYS})`, params: [key]},
          ]);
        } catch {
          // The connection is gone, and the lock with it.
        } finally {
          connection.close();
        }
      },
    };
  } catch (error) {
    connection.close();
    throw error;
  }
}
