// Where a store keeps its drills (src/drills/open-drill.ts): the records, the one-drill-per-pool
// lock and the rehearsals' scratch copies. A store directory keeps them as files in drills/
// (drill-records.ts); a PostgreSQL store keeps the records and the lock's holder in tables and its
// rehearsals' copies as local store directories (pg/pg-drills.ts).

import type {DrillRecord} from '../domain/drills.js';
import type {StorePort} from './port.js';

/** The pool's drill lock, held until released (or until the holding process ends). */
export interface HeldDrillLock {
  release(): void;
}

/** The lock was not taken: who holds it, and what to do, as a sentence. */
export interface RefusedDrillLock {
  readonly refused: string;
}

export interface DrillPort {
  /** The operator a drill acts as when none is named: the database user on PostgreSQL, else the OS user. */
  readonly operator?: string;
  /** Oldest first; a record that cannot be read is not listed. */
  list(): DrillRecord[];
  /** Replaces the record durably (or adds it). */
  write(record: DrillRecord): void;
  /** Takes the pool's lock at once, or says who holds it. */
  lock(pool: string, user: string): Promise<HeldDrillLock | RefusedDrillLock>;
  /** Copies the live store's committed state, messages and audit log into the rehearsal's scratch store. */
  copyForRehearsal(id: string): Promise<void>;
  /** The rehearsal's scratch store, made by copyForRehearsal. */
  openRehearsal(id: string): Promise<StorePort>;
  /** Removes the rehearsal's scratch store, if there is one. */
  removeRehearsal(id: string): void;
}

export const isRefused = (lock: HeldDrillLock | RefusedDrillLock): lock is RefusedDrillLock =>
  'refused' in lock;

/** A lock holder as the refusal names it. */
export const holderText = (holder: {user: string; pid: number; host?: string; startedAt: string}): string =>
  `${holder.user} (pid ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}) since ${holder.startedAt}`;
