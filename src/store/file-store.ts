// The durable store: a directory with state.json and state-changes.jsonl (the state: a checkpoint
// and the changes committed since, through lowdb and our own adapter, state-file.ts),
// messages.jsonl, audit.jsonl, backups/ and exports/, shared safely by several processes.
//
// Why a write-ahead log of the state's changes. Rewriting a 31 MB state.json at every commit made a
// commit cost the size of the store (2 s on L against 76 ms on S). Of the three ways out, a state
// split by collection still rewrites a whole collection (10,000 rooms) for one room and needs a
// commit across several files; a script under one lock with one commit changes what a line of a
// script means (a failing line would undo the lines before it) and does nothing for single commits
// or for the console. A log of changes makes each commit cost what it changed, keeps lowdb's one
// in-memory document, keeps one commit point, and lets a long-running process (the console, its
// watch) read only the changes after the revision it holds. The price: a reader that starts cold
// applies the changes since the last checkpoint, and the log is folded into state.json now and then
// (checkpoint.ts), at a commit that finds it past a share of the state's size, under the lock.
//
// One fsync for a simple commit. Most commits change only the state (a Set, a New, a Grant): such a
// commit writes no journal and makes one write durable, its record appended to the state log, which
// carries the commit's audit entry (state-log.ts): that flushed append is its commit point. The entry
// is then written to audit.jsonl without an fsync. A crash or power loss before the record leaves
// nothing (a record cut short is no line); after it, audit.jsonl may lack the entry, and whoever takes
// the lock next appends it from the record, flushed, before writing anything else; a checkpoint, which
// folds records away, first does the same and flushes audit.jsonl (audit-catch-up.ts). Until then a
// reader takes the entries audit.jsonl lacks from the records, up to the state's revision, so no
// reader sees a change without its entry; no entry is written before its record is durable, so none
// sees an entry without its change. (The record of a commit with a journal carries its entry too,
// which that commit writes to audit.jsonl before its commit point, step 3 below.) Measured (README,
// P5): the audit entry's own fsync was half of the 6 ms of fsyncs in an 8 ms commit on S.
//
// Under the lock a commit reads where the audit and state logs end once: the state log's as it reads
// the records the state lacks (each checked), audit.jsonl's as it catches it up (its last entry
// checked); preparing the commit takes them from there (LogEnds, commit-plan.ts) instead of reading
// both last lines again.
//
// A group commit (deferFlush: `exec -f`) keeps the lock from its first commit to its flush. With no
// other writer possible, its later commits take the state this store holds and the ends it wrote to
// the audit and state logs as they are on disk, instead of reading and checking them again; any
// failure ends the group. What that means for other writers: cli/run-exec.ts.
//
// Crash consistency. Any other commit touches up to four files, and no single write can cover all of
// them, so it goes through a small journal (state.json.journal):
//   1. Under the lock, the state's change is computed and checked (each changed value against its
//      schema; a state that could be over the read limit is serialized to know), and the new message
//      log (or the lines to append), backups and export files are prepared as temp files beside their
//      final names, and fsynced. Nothing committed changes.
//   2. The journal is written durably (temp, fsync, rename, directory fsync). It names those temp
//      files, the sizes the message, audit and state logs have now, the audit entry and the state's
//      record (the line to append to the state log).
//   3. The appended messages and the audit entry are written at the recorded sizes and fsynced:
//      everything that needs more space happens before the commit point, so a full disk or a file
//      size limit stops the commit as a whole. Readers ignore audit entries past the state's revision.
//   4. The state's record is written at the state log's recorded size and fsynced. This append is the
//      commit point: the state's revision (state.json with the log's complete records applied)
//      decides after a crash; a record cut short is no line of the log and not part of the state.
//      A commit that replaces the whole state (a restore of a backup, or a store written before the
//      state log) replaces state.json durably here instead (temp, fsync, mode and owner kept, rename,
//      directory fsync), as every commit did before, and its new state log is renamed in step 5.
//   5. The renames: a rewritten message log, backups, exports, a replaced state's log move into place.
//   6. The journal is removed, then the temp files. Then, if the log has grown past its share, a
//      checkpoint (checkpoint.ts); one that fails changes nothing a reader sees and is tried again.
// Whoever takes the lock next (a commit, or opening the store) first checks a journal it finds
// against the files and refuses one that does not match; then, if the state has the journal's new
// revision, steps 3 and 5 run again; if it still has the old one, the logs (the state log too) are
// cut back to their recorded sizes and the temp files are swept. A commit that fails on the way is
// settled the same way at once: undone before its commit point ("Not saved ... Nothing was
// changed"), finished after it. So a change never lands without its audit entry (or its messages),
// and an entry never lands without its change; a crash costs at most the commit that was in flight,
// which had not been acknowledged.

import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {Low} from 'lowdb';
import type {ChatMessage, ChatState} from '../domain/types.js';
import type {BackupInfo, Ports} from '../domain/ports.js';
import {
  StoreError,
  type CommitOptions,
  type CommitOutcome,
  type CommitPlan,
  type Rescue,
  type StorePort,
} from './port.js';
import {scanAudit} from './audit-log.js';
import {catchUpAudit} from './audit-catch-up.js';
import {keepAuditEnd, keptAuditEnd, type AuditEnd} from './audit-end.js';
import {listBackups, pruneBackups, KEEP_BACKUPS} from './backups.js';
import {prepareCommit, type LogEnds} from './commit-plan.js';
import {openRemoval, previewRemovalOf} from './removal-backups.js';
import {listDrillRecords} from './drill-records.js';
import type {DrillPort} from './drill-port.js';
import {fileDrills} from './file-drills.js';
import {fileArchives} from './file-archives.js';
import {initializeStore, type CreateOptions} from './create-store.js';
import {fsyncFile, ownerOf, removeQuietly} from './durable-fs.js';
import {dropSpared} from './spared-temps.js';
import {
  closeJournal,
  publishRenames,
  needsJournal,
  recoverJournal,
  sweepTemps,
  undoLogs,
  writeJournal,
  writeLogs,
  writeAuditAfter,
  writeStateRecord,
  type Journal,
} from './journal.js';
import {MIN_CHECKPOINT_LOG_BYTES, writeCheckpoint} from './checkpoint.js';
import {LONGEST_RETRY_MS, releaseLock, type LockInfo, type LockOptions} from './lock.js';
import {scanMessages} from './message-log.js';
import {countByRoom} from './room-counts.js';
import {checkDirectory, lstatOrNull, newFileMode, statOrNull} from './safety.js';
import {
  checkStoreFiles,
  isUnreadableState,
  leftBehind,
  lockOptionsFor,
  recoverForReading,
  revisionOrNull,
  takeLock,
  withLock,
  type FileStoreOptions,
} from './store-access.js';
import {standInState} from './rescue.js';
import {DurableStateFile} from './state-file.js';
import {auditEntriesAfter} from './state-log.js';
import {storeFiles, type StoreFiles} from './store-files.js';
import {watchStateFile, type Watch} from './watch.js';

export {storeFiles, type StoreFiles} from './store-files.js';
export {resolveExportPath} from './exports.js';
export type {FileStoreOptions} from './store-access.js';

type Change<T> = (fresh: ChatState, ports: Ports) => {plan: CommitPlan | null; result: T};

export class FileStore implements StorePort {
  readonly dir: string;
  readonly files: StoreFiles;
  private readonly options: FileStoreOptions;
  private readonly lockOptions: LockOptions;
  private readonly fileMode: number;
  private readonly stateFile: DurableStateFile;
  private readonly db: Low<ChatState>;
  private readonly watches = new Set<Watch>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Records appended with deferFlush and not yet flushed. */
  private unflushed = false;
  /**
   * The lock a group commit (deferFlush) keeps from its first commit to its flush. While it is held
   * no other process can commit, so the group's later commits take the state this store holds as
   * fresh: they neither take the lock again nor read or check the store again.
   */
  private held: LockInfo | null = null;
  /**
   * When this store last let go of a group's lock (performance.now(): the global, which loads
   * node:perf_hooks only when first used, not at every start of `pchat exec`).
   */
  private releasedAt = Number.NEGATIVE_INFINITY;
  /** Where the group's last commit left the audit and state logs, while the group holds the lock. */
  private ends: LogEnds | null = null;
  /** Where this store's last commit wrote the end of audit.jsonl, until it lets go of the lock. */
  private auditWritten: {seq: number; end: number} | null = null;
  /** That end, kept past the lock with audit.jsonl's stat for the next commit (audit-end.ts). */
  private auditEnd: AuditEnd | null = null;
  /** ports(), made once: each member reads the store's files and state when called, not when made. */
  private madePorts: Ports | null = null;

  /** Use openStore or createStore. */
  constructor(
    files: StoreFiles,
    stateFile: DurableStateFile,
    initial: ChatState,
    fileMode: number,
    options: FileStoreOptions,
  ) {
    this.files = files;
    this.dir = files.dir;
    this.options = options;
    this.fileMode = fileMode;
    this.stateFile = stateFile;
    this.db = new Low<ChatState>(stateFile, initial);
    this.lockOptions = lockOptionsFor(options, fileMode);
  }

  async read(): Promise<ChatState> {
    // Nobody else can have committed while this store holds the lock.
    if (this.held) return this.db.data;
    if (lstatOrNull(this.files.journal) !== null)
      await this.serialized(() => recoverForReading(this.files, this.stateFile, this.lockOptions));
    // Followed (the console), the new records are checked a slice at a time, keys answered between.
    await this.stateFile.catchUp();
    await this.db.read();
    return this.db.data;
  }

  /**
   * The same object at every call: a line asks for it when it is planned and again when it is
   * committed, and making its closures and archive port anew each time was work per commit that
   * depends only on the store.
   */
  ports(): Ports {
    this.madePorts ??= this.makePorts();
    return this.madePorts;
  }

  private makePorts(): Ports {
    const {files, options} = this;
    return {
      // Removals past the state this store last read belong to a commit still in flight.
      messages: {
        scan: (query) => scanMessages(files.messages, query, options.chunkBytes, this.db.data.revision),
        countByRoom: () => countByRoom(files.messages, this.db.data.revision),
      },
      // An entry past the state this store last read belongs to a commit still in flight.
      audit: {
        scan: (query) => {
          const revision = this.db.data.revision;
          return scanAudit(files.audit, query, options.chunkBytes, revision, (after) =>
            auditEntriesAfter(files.stateLog, after, revision),
          );
        },
      },
      backups: {
        list: () => listBackups(files),
        removed: (id) => openRemoval(files, id)?.objects ?? null,
        previewRemoval: (id) => previewRemovalOf(files, id, options.chunkBytes),
      },
      drills: {list: () => listDrillRecords(files)},
      archives: fileArchives(files, options.chunkBytes),
    };
  }

  drillPort(): DrillPort {
    return fileDrills(this.files, this, (dir) => openStore(dir));
  }

  commit<T>(change: Change<T>, options: CommitOptions = {}): Promise<CommitOutcome<T>> {
    return this.serialized(async () => {
      try {
        return await this.commitOnce(change, options);
      } catch (error) {
        // What a plan staged for a commit that failed before the lock's sweep saw it (spared-temps.ts).
        dropSpared(removeQuietly);
        throw error;
      }
    });
  }

  private async commitOnce<T>(change: Change<T>, options: CommitOptions): Promise<CommitOutcome<T>> {
    const deferFlush = options.deferFlush === true;
    const held = this.held;
    if (held) return this.inGroup(() => this.commitOn(this.db.data, change, held.token, {deferFlush}));
    if (!deferFlush)
      return withLock(this.files, this.stateFile, this.lockOptions, (token) => {
        const found = this.freshen();
        return Promise.resolve(this.commitOn(this.db.data, change, token, {found}));
      });
    // The first commit of a group; between two groups the lock stays free long enough for every
    // process waiting for it to try it, so another operator's command gets in.
    const free = this.releasedAt + LONGEST_RETRY_MS - performance.now();
    if (free > 0) await sleep(free);
    const lock = await takeLock(this.files, this.lockOptions, () => this.stateFile.readSync().revision);
    this.held = lock;
    return this.inGroup(() => {
      const found = this.freshen();
      return this.commitOn(this.db.data, change, lock.token, {deferFlush: true, found});
    });
  }

  /**
   * Under the lock: the store's files checked, the state read, audit.jsonl caught up with it. Returns
   * where the next audit entry and state record go, found on the way: the end of the state log's
   * lines read for the state (each checked as it was read), and the end of audit.jsonl's last entry,
   * or where this store's last commit left it when nothing has changed it since. Logs that end there
   * (their sizes, just taken, say so) have nothing past those ends to cut off.
   */
  private freshen(): LogEnds {
    const {state: stateStat, audit: auditStat} = checkStoreFiles(this.files, this.fileMode);
    this.db.data = this.stateFile.readSync(stateStat);
    const revision = this.db.data.revision;
    const audit = keptAuditEnd(this.auditEnd, revision, auditStat) ?? catchUpAudit(this.files, revision);
    const stateLog = this.stateFile.logEnd();
    if (audit === auditStat.size && this.stateFile.logEndsWhole()) return {audit, stateLog};
    return {audit, stateLog, read: true};
  }

  /** Before the lock is let go: where the last commit left audit.jsonl, kept for the next. */
  private keepAuditEnd(): void {
    const written = this.auditWritten;
    this.auditWritten = null;
    this.auditEnd = written === null ? null : keepAuditEnd(written, lstatOrNull(this.files.audit));
  }

  /** A commit of a group; one that fails ends the group (lets go of its lock). */
  private inGroup<T>(task: () => T): T {
    try {
      return task();
    } catch (error) {
      this.letGo();
      throw error;
    }
  }

  private letGo(): void {
    if (!this.held) return;
    const held = this.held;
    this.held = null;
    this.ends = null;
    this.keepAuditEnd();
    this.releasedAt = performance.now();
    releaseLock(this.files, held);
  }

  /**
   * Group commit: one fsync of the state log makes every record appended before it durable; then the
   * group's lock is let go.
   */
  flush(): Promise<void> {
    return this.serialized(() => {
      try {
        if (this.unflushed) fsyncFile(this.files.stateLog);
        this.unflushed = false;
      } finally {
        this.letGo();
      }
      return Promise.resolve();
    });
  }

  rescue(): Promise<Rescue | null> {
    if (this.unreadableState() === null) return Promise.resolve(null);
    const state = standInState(this.files);
    return Promise.resolve(state === null ? null : {state, commit: (change) => this.commitRestore(change)});
  }

  /** A restore onto a state.json that cannot be read; any other plan is refused with the reason it cannot. */
  private commitRestore<T>(change: Change<T>): Promise<CommitOutcome<T>> {
    return this.serialized(() => {
      // A group's lock is let go first: the restore takes the lock as any commit does.
      this.letGo();
      return withLock(
        this.files,
        this.stateFile,
        this.lockOptions,
        async (token) => {
          checkStoreFiles(this.files, this.fileMode);
          const unreadable = this.unreadableState();
          if (unreadable === null) {
            // Restored by someone else meanwhile: an ordinary commit on what is there now.
            await this.db.read();
            catchUpAudit(this.files, this.db.data.revision);
            return this.commitOn(this.db.data, change, token, {});
          }
          catchUpAudit(this.files, null);
          const fresh = standInState(this.files);
          if (fresh === null) throw unreadable;
          return this.commitOn(
            fresh,
            (state, ports) => {
              const planned = change(state, ports);
              const effects = planned.plan?.effects ?? [];
              const restoreOnly = effects.length > 0 && effects.every((e) => e.kind === 'restoreBackup');
              if (planned.plan && !restoreOnly) throw unreadable;
              return planned;
            },
            token,
            {replaceState: true},
          );
        },
        () => revisionOrNull(this.stateFile),
      );
    });
  }

  /** The error that keeps state.json from being read, or null when it can be. */
  private unreadableState(): StoreError | null {
    try {
      this.stateFile.readSync();
      return null;
    } catch (error) {
      if (error instanceof StoreError && isUnreadableState(error, this.files.state)) return error;
      throw error;
    }
  }

  /**
   * `replaceState`: write the whole state, as a restore onto an unreadable state.json must. `found`:
   * where the logs end, as freshen found them.
   */
  private commitOn<T>(
    fresh: ChatState,
    change: Change<T>,
    token: string,
    how: {replaceState?: boolean; deferFlush?: boolean; found?: LogEnds},
  ): CommitOutcome<T> {
    const {plan, result} = change(fresh, this.ports());
    if (!plan) return {result, revision: fresh.revision, committed: false, backups: []};
    const {revision, backups} = this.write(fresh, plan, token, how);
    return {result, revision, committed: true, backups};
  }

  watch(onChange: () => void): () => void {
    const watch = watchStateFile(
      this.dir,
      [path.basename(this.files.state), path.basename(this.files.stateLog)],
      () => this.stateFile.currentKey(),
      onChange,
      this.options.pollIntervalMs ?? 1000,
    );
    this.watches.add(watch);
    this.stateFile.follow(true);
    return () => {
      watch.stop();
      this.watches.delete(watch);
      if (this.watches.size === 0) this.stateFile.follow(false);
    };
  }

  close(): void {
    // A group whose flush never came (an exception on the way): made durable now, as well as can be.
    if (this.unflushed)
      try {
        fsyncFile(this.files.stateLog);
      } catch {
        // Nothing was shown for those commits; a power loss may take them, in order, from the last.
      }
    this.unflushed = false;
    this.letGo();
    for (const watch of this.watches) watch.stop();
    this.watches.clear();
    this.stateFile.follow(false);
  }

  /** Steps 1-6 of the header comment; on failure, the commit is undone or finished as its journal says. */
  private write(
    fresh: ChatState,
    plan: CommitPlan,
    token: string,
    how: {replaceState?: boolean; deferFlush?: boolean; found?: LogEnds},
  ): {revision: number; backups: readonly BackupInfo[]} {
    const replaceState = how.replaceState === true;
    const deferFlush = how.deferFlush === true;
    let journal: Journal | null = null;
    let journaled = true;
    let made: readonly BackupInfo[] = [];
    const ends = how.found ?? (this.held ? this.ends : null);
    this.ends = null;
    // Whatever this commit writes, it says anew where audit.jsonl ends (keepAuditEnd).
    this.auditWritten = null;
    this.auditEnd = null;
    const files = this.files;
    try {
      const prepared = prepareCommit(files, fresh, plan, {
        token,
        now: this.options.now?.() ?? new Date(),
        // Looked up only by a commit that writes files of its own: most append one record.
        get stateOwner() {
          return ownerOf(files.state);
        },
        get messagesOwner() {
          return ownerOf(files.messages);
        },
        ...(this.options.chunkBytes === undefined ? {} : {chunkBytes: this.options.chunkBytes}),
        ...(this.options.limits === undefined ? {} : {limits: this.options.limits}),
        ...(this.options.rewriteLogBelowBytes === undefined
          ? {}
          : {rewriteLogBelowBytes: this.options.rewriteLogBelowBytes}),
        ...(this.options.compactShare === undefined ? {} : {compactShare: this.options.compactShare}),
        replaceState: replaceState || !this.stateFile.hasLog(),
        stateBytes: this.stateFile.sizeBound(),
        ...(ends === null ? {} : {logEnds: ends}),
      });
      // Set first: a journal renamed into place whose directory flush then failed must be settled too.
      journal = prepared.journal;
      journaled = needsJournal(journal);
      if (journaled) {
        writeJournal(this.files, journal, ownerOf(this.files.state));
        writeLogs(this.files, journal);
      }
      if (prepared.text === null) {
        const deferred = deferFlush && !journaled;
        const logStat = writeStateRecord(this.files, journal, !deferred);
        // A flushed record flushes the records before it too: they share the file.
        this.unflushed = deferred;
        this.stateFile.noteAppend(prepared.state, prepared.grows, logStat);
      } else this.stateFile.writeSync(prepared.state, ownerOf(this.files.state), prepared.text);
      this.db.data = prepared.state;
      const auditEnd = journal.audit.sizeBefore + Buffer.byteLength(journal.audit.line);
      let auditWritten = journaled;
      if (journaled) {
        publishRenames(this.files, journal);
        closeJournal(this.files);
      } else if (writeAuditAfter(this.files, journal)) {
        auditWritten = true;
        if (this.held && journal.stateRecord)
          this.ends = {
            audit: auditEnd,
            stateLog: journal.stateRecord.sizeBefore + Buffer.byteLength(journal.stateRecord.line),
          };
      }
      if (auditWritten) this.auditWritten = {seq: journal.revisionAfter, end: auditEnd};
      // Only a commit that took a backup looks at backups/: an operator may not be able to read it.
      if (journal.backups.length > 0) pruneBackups(this.files, this.options.keepBackups ?? KEEP_BACKUPS);
      made = prepared.backups;
    } catch (error) {
      this.settle(fresh, journal, journaled, error);
    }
    this.checkpointIfDue();
    // A group keeps the lock, and keeps its end until it lets go.
    if (!this.held) this.keepAuditEnd();
    if (this.watches.size > 0) {
      const key = this.stateFile.currentKey();
      for (const watch of this.watches) watch.seen = key;
    }
    return {revision: this.db.data.revision, backups: made};
  }

  /** Folds the state log into state.json when it has grown past its share; a failure changes nothing. */
  private checkpointIfDue(): void {
    if (!this.stateFile.checkpointDue(this.options.checkpointBytes ?? MIN_CHECKPOINT_LOG_BYTES)) return;
    const state = this.db.data;
    // The logs are written anew, or may be: where they end is read again.
    this.ends = null;
    try {
      // The records folded away hold audit entries that audit.jsonl may not have flushed yet.
      catchUpAudit(this.files, state.revision, true);
      const {checkpoint, end} = writeCheckpoint(
        this.files,
        state,
        ownerOf(this.files.state),
        this.stateFile.logEnd(),
        this.options.limits,
      );
      this.stateFile.noteCheckpoint(state, checkpoint, end);
    } catch {
      // The log still holds every change; the next commit sweeps the temp files and tries again.
    }
  }

  /**
   * After a failed step: undoes the commit (before its commit point) or finishes it (after), and
   * returns when it is complete; otherwise throws an error that says which of the two the store is in.
   */
  private settle(fresh: ChatState, journal: Journal | null, journaled: boolean, error: unknown): void {
    let settled = true;
    try {
      if (journal && journaled) recoverJournal(this.files, () => revisionOrNull(this.stateFile));
      else if (journal && revisionOrNull(this.stateFile) !== journal.revisionAfter)
        undoLogs(this.files, journal);
      else sweepTemps(this.files);
    } catch {
      // The next commit or open retries; what the store holds now is what the message must say.
      settled = false;
    }
    const revision = this.revisionOnDisk();
    if (journal && revision === journal.revisionAfter) {
      this.db.data = this.stateFile.readSync();
      if (settled) return;
      throw restated(
        error,
        (m) =>
          `Saved as revision ${revision}, but finishing the commit failed: ${m.replace(/^Not saved: /, '')} The next pchat command finishes it.`,
      );
    }
    this.db.data = fresh;
    if (!(error instanceof StoreError)) throw error;
    throw restated(error, (m) =>
      settled
        ? m.includes('Nothing was changed.')
          ? m
          : `${m} Nothing was changed.`
        : `${m} The next pchat command undoes the part of this commit that was written.`,
    );
  }

  private revisionOnDisk(): number | null {
    try {
      return this.stateFile.readSync().revision;
    } catch {
      return null;
    }
  }

  /** Commits in one process queue up here; between processes the lock file orders them. */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const restated = (error: unknown, say: (message: string) => string): StoreError => {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof StoreError
    ? new StoreError(error.code, say(message), error.path)
    : new StoreError('StoreIoError', say(message), '');
};

/** Opens an existing store: refuses a missing, unsafe or damaged one, and finishes a crashed commit. */
export async function openStore(dir: string, options: FileStoreOptions = {}): Promise<FileStore> {
  const files = storeFiles(dir);
  const notFound = `There is no store in ${files.dir}. Run pchat init --store ${files.dir} to create one.`;
  // Through a link to the directory itself is fine: what matters is the directory it names.
  const dirStat = statOrNull(files.dir);
  if (dirStat === null) throw new StoreError('StoreNotFound', notFound, files.dir);
  checkDirectory(files.dir, dirStat);
  if (lstatOrNull(files.state) === null) throw new StoreError('StoreNotFound', notFound, files.state);
  const mode = newFileMode(dirStat);
  checkStoreFiles(files, mode);
  const stateFile = new DurableStateFile(files.state, {
    mode,
    ...(options.limits ? {limits: options.limits} : {}),
  });
  if (leftBehind(files)) await recoverForReading(files, stateFile, lockOptionsFor(options, mode));
  return new FileStore(files, stateFile, initialState(files, stateFile), mode, options);
}

/** The state to start from; a state.json that cannot be read opens on the rescue stand-in, for restores only. */
function initialState(files: StoreFiles, stateFile: DurableStateFile): ChatState {
  try {
    return stateFile.readSync();
  } catch (error) {
    if (!isUnreadableState(error, files.state)) throw error;
    const standIn = standInState(files);
    if (standIn === null) throw error;
    return standIn;
  }
}

/** Creates a store in `dir` (and its parents); StoreExists when there is one, unless `force`. */
export async function createStore(
  dir: string,
  state: ChatState,
  messages: readonly ChatMessage[],
  options: FileStoreOptions & CreateOptions = {},
): Promise<FileStore> {
  const {timeoutMs, user, host} = lockOptionsFor(options, 0o600);
  await initializeStore(dir, state, messages, {
    timeoutMs,
    user,
    host,
    ...(options.force === undefined ? {} : {force: options.force}),
    ...(options.now === undefined ? {} : {now: options.now}),
  });
  return openStore(dir, options);
}
