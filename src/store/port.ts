// The store as the rest of the program sees it: read the latest state, or commit a change
// computed from the fresh state under the store's lock. Never a blind save of a stale copy.

import type {AuditEntry, ChatState} from '../domain/types.js';
import type {BackupInfo, Effect, Ports} from '../domain/ports.js';
import type {DrillPort} from './drill-port.js';

/**
 * The audit facts the caller knows; the store adds seq, time and the revisions. Warnings and origin
 * are optional only when reading old entries: every new entry has them.
 */
export type AuditDraft = Omit<AuditEntry, 'seq' | 'time' | 'revisionBefore' | 'revisionAfter'> &
  Required<Pick<AuditEntry, 'warnings' | 'via'>>;

export interface CommitPlan {
  /** The new state; the store sets its revision to the old one + 1. */
  readonly state: ChatState;
  readonly effects: readonly Effect[];
  readonly audit: AuditDraft;
}

export interface CommitOutcome<T> {
  readonly result: T;
  /** The revision after the commit, or the unchanged one when the plan was null. */
  readonly revision: number;
  readonly committed: boolean;
  /** The backups the commit made (none when it did not commit). */
  readonly backups: readonly BackupInfo[];
}

export interface CommitOptions {
  /**
   * Leave the commit point unflushed, for `flush` to make durable together with the commits after
   * it (group commit: `pchat exec -f`). A commit that needs its journal flushes as always.
   */
  readonly deferFlush?: boolean;
}

export interface StorePort {
  /** The store's directory, for messages and for Windows-path mapping of exports. */
  readonly dir: string;
  /** The latest committed state (re-read when the files changed since the last read). */
  read(): Promise<ChatState>;
  /** Readers over the message log, audit log and backups, as committed. */
  ports(): Ports;
  /**
   * Take the lock, re-read, run `change` on the fresh state and ports, and write its plan durably
   * (state + effects + one audit entry) before releasing. A null plan writes nothing.
   * `change` runs synchronously under the lock: it must never wait for a person.
   */
  commit<T>(
    change: (fresh: ChatState, ports: Ports) => {plan: CommitPlan | null; result: T},
    options?: CommitOptions,
  ): Promise<CommitOutcome<T>>;
  /** Makes every commit made with deferFlush durable; absent where each commit is durable when it returns. */
  flush?(): Promise<void>;
  /**
   * For a store whose state.json cannot be read (damaged, or over the size limit), so that its
   * backups can still be listed and restored: a stand-in state (the newest readable backup's, for
   * the operator roles, at the store's last revision) and a commit that accepts nothing but a
   * restore. Null when state.json can be read or when there is no readable backup.
   */
  rescue?(): Promise<Rescue | null>;
  /**
   * A store on a server (PostgreSQL): whether its live refresh is connected or has lost the server
   * and is reconnecting. Absent for a local store.
   */
  connection?(): 'connected' | 'reconnecting';
  /** Where the store keeps its drills; absent for a store that keeps none (in memory). */
  drillPort?(): DrillPort;
  /** Calls back when another process commits; returns the unsubscribe function. */
  watch(onChange: () => void): () => void;
  close(): void;
}

export interface Rescue {
  readonly state: ChatState;
  readonly commit: StorePort['commit'];
}

export type StoreErrorCode =
  | 'StoreNotFound'
  | 'StoreLocked'
  | 'StoreDamaged'
  | 'StoreUnsafe'
  | 'StoreIoError'
  | 'StoreExists'
  /** A commit would make state.json larger than the store reads: refused before anything is written. */
  | 'StoreTooLarge';

/** The store cannot be used: the command line exits 3 with this message, which says what to do. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly path: string;

  constructor(code: StoreErrorCode, message: string, path: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.path = path;
  }
}
