// Where a store keeps what: one place for the names, so messages and recovery agree.

import path from 'node:path';

export interface StoreFiles {
  readonly dir: string;
  /** The state document's last checkpoint (lowdb, through our durable adapter). */
  readonly state: string;
  /** The changes committed since that checkpoint, one per line after its header (state-log.ts). */
  readonly stateLog: string;
  /** One ChatMessage per line. */
  readonly messages: string;
  /** What Clear and Remove took out of the message log since it was last written whole (message-removals.ts). */
  readonly removals: string;
  /** One AuditEntry per line, seq = revision. */
  readonly audit: string;
  /** Present only while a commit is being applied, or after a crash in the middle of one. */
  readonly journal: string;
  /** Held by the committing process: {token, pid, user, host, startedAt}. */
  readonly lock: string;
  /** Taken for a moment by whoever removes a dead process's lock, so two never remove a fresh one. */
  readonly lockBreak: string;
  readonly backups: string;
  readonly exports: string;
  /** Drill records (<id>.json) and, while a rehearsal runs, its scratch copy of the store (<id>.rehearsal/). */
  readonly drills: string;
}

export const STATE_LOG_NAME = 'state-changes.jsonl';

/** The removal records of a message log: beside it, whatever directory it is in. */
export const removalsOf = (messages: string): string =>
  path.join(path.dirname(messages), 'message-removals.jsonl');

export const storeFiles = (dir: string): StoreFiles => {
  const root = path.resolve(dir);
  return {
    dir: root,
    state: path.join(root, 'state.json'),
    stateLog: path.join(root, STATE_LOG_NAME),
    messages: path.join(root, 'messages.jsonl'),
    removals: removalsOf(path.join(root, 'messages.jsonl')),
    audit: path.join(root, 'audit.jsonl'),
    journal: path.join(root, 'state.json.journal'),
    lock: path.join(root, 'state.json.lock'),
    lockBreak: path.join(root, 'state.json.lock.break'),
    backups: path.join(root, 'backups'),
    exports: path.join(root, 'exports'),
    drills: path.join(root, 'drills'),
  };
};

/** Temporary files are `<final name>.<token>.tmp` beside their final name, so a rename never crosses a disk. */
export const tempPath = (finalPath: string, token: string): string => `${finalPath}.${token}.tmp`;

export const isTempName = (name: string): boolean => name.endsWith('.tmp');
