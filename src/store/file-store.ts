// The durable store: a directory with state.json (through lowdb and our own adapter),
// messages.jsonl, audit.jsonl, backups/ and exports/, shared safely by several processes.
//
// Crash consistency. A commit touches up to three files, and no single rename can cover all of
// them, so each commit goes through a small journal (state.json.journal):
//   1. Under the lock, the new message log (or the lines to append), backups and export files are
//      prepared as temp files beside their final names, and fsynced. Nothing committed changes.
//   2. The journal is written durably (temp, fsync, rename, directory fsync). It names those temp
//      files, the sizes the message and audit logs have now, and the audit entry of the commit.
//   3. state.json is replaced durably (temp, fsync, mode and owner kept, rename, directory fsync).
//      This rename is the commit point: state.json's revision is what decides after a crash.
//   4. The journal is applied: the message log is cut back to its recorded size and the new lines
//      written (or the new log renamed in), the audit entry is written at the recorded audit size,
//      backups and exports are renamed or linked into place; each step fsyncs and can be repeated.
//   5. The journal is removed, then the temp files.
// Whoever takes the lock next (a commit, or opening the store) first finishes a journal it finds:
// if state.json has the journal's new revision, step 4 runs again; if it still has the old one, the
// commit never happened and its temp files are swept. So a change never lands without its audit
// entry (or its messages), and an entry never lands without its change; a crash costs at most the
// commit that was in flight, which had not been acknowledged.

import {Low} from 'lowdb';
import type {ChatMessage, ChatState} from '../domain/types.js';
import type {Ports} from '../domain/ports.js';
import {StoreError, type CommitOutcome, type CommitPlan, type StorePort} from './port.js';
import {scanAudit} from './audit-log.js';
import {listBackups, pruneBackups, KEEP_BACKUPS} from './backups.js';
import {prepareCommit} from './commit-plan.js';
import {listDrillRecords} from './drill-records.js';
import {fileArchives} from './file-archives.js';
import {initializeStore, type CreateOptions} from './create-store.js';
import {ownerOf} from './durable-fs.js';
import {
  applyJournal,
  closeJournal,
  recoverJournal,
  sweepTemps,
  writeJournal,
  type Journal,
} from './journal.js';
import type {LockOptions} from './lock.js';
import {scanMessages} from './message-log.js';
import {checkDirectory, lstatOrNull, newFileMode, statOrNull} from './safety.js';
import {
  checkStoreFiles,
  leftBehind,
  lockOptionsFor,
  recoverForReading,
  withLock,
  type FileStoreOptions,
} from './store-access.js';
import {DurableStateFile} from './state-file.js';
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
    if (lstatOrNull(this.files.journal) !== null)
      await this.serialized(() => recoverForReading(this.files, this.stateFile, this.lockOptions));
    await this.db.read();
    return this.db.data;
  }

  ports(): Ports {
    const {files, options} = this;
    return {
      messages: {scan: (query) => scanMessages(files.messages, query, options.chunkBytes)},
      audit: {scan: (query) => scanAudit(files.audit, query, options.chunkBytes)},
      backups: {list: () => listBackups(files)},
      drills: {list: () => listDrillRecords(files)},
      archives: fileArchives(files, options.chunkBytes),
    };
  }

  commit<T>(change: Change<T>): Promise<CommitOutcome<T>> {
    return this.serialized(() =>
      withLock(this.files, this.stateFile, this.lockOptions, async (token) => {
        checkStoreFiles(this.files, this.fileMode);
        await this.db.read();
        const fresh = this.db.data;
        const {plan, result} = change(fresh, this.ports());
        if (!plan) return {result, revision: fresh.revision, committed: false};
        const revision = await this.write(fresh, plan, token);
        return {result, revision, committed: true};
      }),
    );
  }

  watch(onChange: () => void): () => void {
    const watch = watchStateFile(
      this.dir,
      'state.json',
      () => this.stateFile.currentKey(),
      onChange,
      this.options.pollIntervalMs ?? 1000,
    );
    this.watches.add(watch);
    return () => {
      watch.stop();
      this.watches.delete(watch);
    };
  }

  close(): void {
    for (const watch of this.watches) watch.stop();
    this.watches.clear();
  }

  /** Steps 1-5 of the header comment; on failure, whatever the journal says is finished or undone. */
  private async write(fresh: ChatState, plan: CommitPlan, token: string): Promise<number> {
    let journal: Journal | null = null;
    try {
      const prepared = prepareCommit(this.files, fresh, plan, {
        token,
        now: this.options.now?.() ?? new Date(),
        stateOwner: ownerOf(this.files.state),
        messagesOwner: ownerOf(this.files.messages),
        ...(this.options.chunkBytes === undefined ? {} : {chunkBytes: this.options.chunkBytes}),
      });
      writeJournal(this.files, prepared.journal, ownerOf(this.files.state));
      journal = prepared.journal;
      this.db.data = prepared.state;
      await this.db.write();
      applyJournal(this.files, journal);
      closeJournal(this.files);
      pruneBackups(this.files, this.options.keepBackups ?? KEEP_BACKUPS);
      const key = this.stateFile.currentKey();
      for (const watch of this.watches) watch.seen = key;
      return prepared.state.revision;
    } catch (error) {
      this.db.data = fresh;
      this.cleanUpAfter(journal);
      throw error;
    }
  }

  private cleanUpAfter(journal: Journal | null): void {
    try {
      if (journal) recoverJournal(this.files, () => this.stateFile.readSync().revision);
      else sweepTemps(this.files);
    } catch {
      // The next commit or open retries the recovery; the original error is the one to report.
    }
  }

  /** Commits in one process queue up here; between processes the lock file orders them. */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

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
  return new FileStore(files, stateFile, stateFile.readSync(), mode, options);
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
