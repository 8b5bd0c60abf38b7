// What the core may ask of the outside world, as interfaces the session fills in.
// The core never does I/O itself: reads arrive through these ports, writes leave as effects.

import type {DrillRecord} from './drills.js';
import type {AuditEntry, ChatMessage} from './types.js';

export interface MessageQuery {
  /** Room ids; omitted = all rooms. */
  readonly roomIds?: readonly string[];
  readonly author?: string;
  /** Inclusive ISO bounds. */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

/** Streaming, synchronous read access to the message log: never loads the whole log. */
export interface MessageReader {
  scan(query: MessageQuery): Iterable<ChatMessage>;
}

export interface AuditQuery {
  /** Inclusive ISO lower bound. */
  readonly since?: string;
  /** The last N entries. */
  readonly limit?: number;
}

export interface AuditReader {
  /** Newest last. */
  scan(query: AuditQuery): Iterable<AuditEntry>;
}

export interface BackupInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly reason: string;
  readonly revision: number;
  readonly bytes: number;
}

export interface BackupReader {
  list(): readonly BackupInfo[];
}

export interface DrillReader {
  /** Oldest first. */
  list(): readonly DrillRecord[];
}

/**
 * A file's content written piece by piece, so that a large file never sits in memory whole. It is
 * called once, under the store's lock, with the same ports the change was computed from.
 */
export type FileWriter = (write: (chunk: string) => void) => void;

/** Changes beyond the state document, carried out by the store inside the same commit. */
export type Effect =
  | {readonly kind: 'appendMessages'; readonly messages: readonly ChatMessage[]}
  | {
      readonly kind: 'rewriteMessages';
      /** Room ids whose messages may change; the store streams only those through `rewrite`. */
      readonly roomIds: readonly string[] | 'all';
      /** Return the message unchanged, a replacement, or null to delete it. */
      readonly rewrite: (message: ChatMessage) => ChatMessage | null;
    }
  | {readonly kind: 'backup'; readonly reason: string}
  | {readonly kind: 'restoreBackup'; readonly id: string}
  | {readonly kind: 'writeFile'; readonly path: string; readonly data: Uint8Array | string | FileWriter};

export interface Ports {
  readonly messages: MessageReader;
  readonly audit: AuditReader;
  readonly backups: BackupReader;
  readonly drills: DrillReader;
}

export const emptyPorts: Ports = {
  messages: {scan: () => []},
  audit: {scan: () => []},
  backups: {list: () => []},
  drills: {list: () => []},
};
