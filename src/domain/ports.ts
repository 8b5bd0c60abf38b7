// What the core may ask of the outside world, as interfaces the session fills in.
// The core never does I/O itself: reads arrive through these ports, writes leave as effects.

import type {ArchiveDocuments, ArchivePlan, Manifest} from './archive-format.js';
import type {DrillRecord} from './drills.js';
import type {AuditEntry, Category, ChatMessage, Room} from './types.js';

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
  /**
   * How many messages each room has, counted without decoding every message (the file store reads
   * each line's room from its bytes); null when it cannot count that way. A store without it is
   * scanned.
   */
  countByRoom?(): ReadonlyMap<string, number> | null;
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

/** 'store': the whole store, restored by replacing it; 'removal': only what one line removed. */
export type BackupKind = 'store' | 'removal';

export interface BackupInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly reason: string;
  readonly revision: number;
  readonly bytes: number;
  /** Missing in backups written before removals were kept: those are whole-store backups. */
  readonly kind?: BackupKind;
  /** Removal backups: the line that made the backup, and what it holds (identities, message count). */
  readonly command?: string;
  readonly rooms?: readonly string[];
  readonly categories?: readonly string[];
  readonly messages?: number;
}

/** What a removal backup holds besides its messages. */
export interface RemovedObjects {
  readonly rooms: readonly Room[];
  readonly categories: readonly Category[];
}

/** What restoring a removal backup's messages would do to the message log as it is now. */
export interface RemovalPreview {
  /** Deleted messages that would come back. */
  readonly deleted: number;
  /** Replaced messages whose text would come back. */
  readonly replaced: number;
  /** Replaced messages changed or deleted since: left as they are. */
  readonly changedSince: number;
  /** Ids of deleted messages that exist in the log now (at most a few). */
  readonly existingIds: readonly string[];
}

export interface BackupReader {
  list(): readonly BackupInfo[];
  /** A removal backup's rooms and categories, or null when there is no such removal backup. */
  removed(id: string): RemovedObjects | null;
  /** Streams the current log against the backup's messages; writes nothing. */
  previewRemoval(id: string): RemovalPreview;
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
      /**
       * When given, `rewrite` deletes every message of these rooms and returns every other message
       * unchanged, so a store may drop these rooms' lines without decoding them.
       */
      readonly dropsRooms?: readonly string[];
    }
  | {readonly kind: 'backup'; readonly reason: string}
  /**
   * Keep what this commit removes: these rooms and categories, and every message the commit's
   * rewrites delete or change, in one removal backup written in the same commit.
   */
  | {readonly kind: 'keepRemoved'; readonly rooms: readonly Room[]; readonly categories: readonly Category[]}
  | {readonly kind: 'restoreBackup'; readonly id: string}
  /** Puts a removal backup's messages back in the log (the state part is the cmdlet's). */
  | {readonly kind: 'restoreRemoval'; readonly id: string}
  | {
      readonly kind: 'writeFile';
      readonly path: string;
      readonly data: Uint8Array | string | FileWriter;
      /** Replace an existing file of that name (Export-Csv -Force) rather than refuse it. */
      readonly replace?: boolean;
      /** Add the data to the end of an existing file of that name (Out-File -Append), or create it. */
      readonly append?: boolean;
    }
  /** Export: the archive is built into a new file under exports/ as part of the commit. */
  | {readonly kind: 'writeArchive'; readonly path: string; readonly archive: ArchiveRequest}
  /** Import: staged spans of validated message lines appended to the log (after any rewrite), each line's room id set to `roomId`. */
  | {
      readonly kind: 'appendMessageFiles';
      readonly files: readonly (StagedSpan & {readonly fromRoomId: string; readonly roomId: string})[];
    };

/** An archive to build: the documents, and the rooms whose messages it carries. */
export interface ArchiveRequest {
  readonly plan: ArchivePlan;
  readonly contentRooms: readonly {readonly roomId: string; readonly room: string}[];
}

export type ArchiveSource =
  {readonly kind: 'file'; readonly path: string} | {readonly kind: 'bytes'; readonly data: Uint8Array};

/** Where a checked archive entry is staged: `bytes` bytes of `file`, from `start`. */
export interface StagedSpan {
  readonly file: string;
  readonly start: number;
  readonly bytes: number;
}

/** An archive that passed every check, its entries staged beside the store for the commit. */
export interface StagedArchive {
  readonly manifest: Manifest;
  readonly documents: ArchiveDocuments;
  /** By content index: where the entry's validated message lines are staged. */
  readonly messageSpans: readonly StagedSpan[];
  /** The folder all of it is staged in, to remove when the archive is done with. */
  readonly staging: string;
}

export type Checked<T> = ({readonly ok: true} & T) | {readonly ok: false; readonly problem: string};

/** Export and import archives; every answer says why when it cannot. */
export interface ArchivePort {
  /**
   * The full path an export name stands for under exports/, or why it cannot be written: never over
   * a file, unless `replace` asks to replace a regular file.
   */
  target(name: string, replace?: boolean): Checked<{path: string}>;
  /** The full path of an existing file under exports/ to import. */
  source(name: string): Checked<{path: string}>;
  toBytes(archive: ArchiveRequest): Checked<{data: Uint8Array}>;
  /** Checks the whole archive before anything changes. */
  read(source: ArchiveSource): Checked<{archive: StagedArchive}>;
  /** Removes the staged files of an archive that will not be imported. */
  discard(archive: StagedArchive): void;
  /** Whether these message files are still as read() staged and checked them (none removed or replaced since). */
  staged?(files: readonly string[]): boolean;
}

const noFiles = {ok: false, problem: 'this store keeps no files'} as const;
export const noArchives: ArchivePort = {
  target: () => noFiles,
  source: () => noFiles,
  toBytes: () => noFiles,
  read: () => noFiles,
  discard: () => undefined,
};

export interface Ports {
  readonly messages: MessageReader;
  readonly audit: AuditReader;
  readonly backups: BackupReader;
  readonly drills: DrillReader;
  readonly archives: ArchivePort;
}

export const emptyPorts: Ports = {
  messages: {scan: () => []},
  audit: {scan: () => []},
  backups: {
    list: () => [],
    removed: () => null,
    previewRemoval: () => ({deleted: 0, replaced: 0, changedSince: 0, existingIds: []}),
  },
  drills: {list: () => []},
  archives: noArchives,
};
