// Creating a store directory: the files are written with the store's mode (0600, or 0660 when the
// directory is shared with a group), the state log's header before state.json, state.json last, so a directory without state.json is never
// taken for a store. An existing store is refused unless forced; then it is kept as a backup first.

import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import type {AuditEntry, ChatMessage, ChatState} from '../domain/types.js';
import {StoreError} from './port.js';
import {prepareBackup, publishBackup} from './backups.js';
import {
  applyOwner,
  copyNewFile,
  fsyncDir,
  io,
  ownerOf,
  removeDurably,
  renameDurably,
  writeNewFile,
  type FileOwner,
} from './durable-fs.js';
import {InitialMessageLog} from './initial-messages.js';
import {toJsonLine} from './jsonl.js';
import {acquireLock, releaseLock, type LockOptions} from './lock.js';
import {recoverJournal, sweepTemps} from './journal.js';
import {makeDirectories} from './make-directories.js';
import {checkDirectory, lstatOrNull, newFileMode} from './safety.js';
import {DurableStateFile, serializeState, sha256} from './state-file.js';
import {headerLine} from './state-log.js';
import {auditEntrySchema, chatMessageSchema, chatStateSchema, firstIssue} from './state-schema.js';
import {storeFiles, tempPath, type StoreFiles} from './store-files.js';

export interface CreateOptions {
  /** Replace an existing store; the old one (state, messages and audit log) is kept as a backup. */
  readonly force?: boolean;
  readonly now?: () => Date;
}

/**
 * `messages`: a list, or a log written beforehand (initial-messages.ts), moved into place. `audit`:
 * the entries of the revisions that led to `state` (seq = revision), for an init that ran its setup
 * before the store was written.
 */
export async function initializeStore(
  dir: string,
  state: ChatState,
  messages: readonly ChatMessage[] | InitialMessageLog,
  options: CreateOptions & Omit<LockOptions, 'mode'> & {readonly audit?: readonly AuditEntry[]},
): Promise<void> {
  validate(state, messages instanceof InitialMessageLog ? [] : messages, options.audit ?? []);
  const files = storeFiles(dir);
  if (makeDirectories(files.dir, 0o700)) {
    shareLikeParent(files.dir);
    fsyncDir(path.dirname(files.dir));
  }
  const dirStat = fs.statSync(files.dir);
  checkDirectory(files.dir, dirStat);
  const existing = lstatOrNull(files.state);
  // A replaced store keeps the mode its owner chose, as every commit does.
  const mode =
    existing?.isFile() && (existing.mode & 0o002) === 0 ? existing.mode & 0o777 : newFileMode(dirStat);
  const owner: FileOwner = {mode, uid: -1, gid: -1};
  const lock = await acquireLock(files, {...options, mode});
  try {
    if (lstatOrNull(files.state) !== null) {
      if (!options.force)
        throw new StoreError(
          'StoreExists',
          `A store already exists in ${files.dir}. Use --force to replace it (the old one is kept as a backup).`,
          files.state,
        );
      keepOldStore(files, options.now?.() ?? new Date());
    }
    const token = randomBytes(8).toString('hex');
    if (messages instanceof InitialMessageLog) moveInto(messages.file, files.messages, owner, token);
    else replaceWith(files.messages, messages.map(toJsonLine).join(''), owner, token);
    // The old log's removal records must not apply to the new one (its lines may be the same).
    removeDurably(files.removals);
    replaceWith(files.audit, (options.audit ?? []).map(toJsonLine).join(''), owner, token);
    makeDirectory(files.backups, mode);
    writeStateLast(files, state, owner, token);
  } finally {
    releaseLock(files, lock);
  }
}

/**
 * Spec note: a store directory we create is shared with a group when its parent is (setgid or
 * group-writable, as a 2770 /srv/chat would be): then it is made 2770 and its files 0660.
 */
function shareLikeParent(dir: string): void {
  const parent = fs.statSync(path.dirname(dir));
  if ((parent.mode & 0o2020) === 0) return;
  io('share with its group', dir, () => fs.chmodSync(dir, 0o2770));
}

function validate(state: ChatState, messages: readonly ChatMessage[], audit: readonly AuditEntry[]): void {
  const parsed = chatStateSchema.safeParse(state);
  if (!parsed.success) throw new Error(`The initial state is malformed (${firstIssue(parsed.error)}).`);
  for (const message of messages) {
    const m = chatMessageSchema.safeParse(message);
    if (!m.success) throw new Error(`An initial message is malformed (${firstIssue(m.error)}).`);
  }
  audit.forEach((entry, i) => {
    const a = auditEntrySchema.safeParse(entry);
    if (!a.success) throw new Error(`An initial audit entry is malformed (${firstIssue(a.error)}).`);
    if (entry.seq !== i + 1 || entry.revisionAfter !== entry.seq)
      throw new Error(`The initial audit entry ${i + 1} is for revision ${entry.revisionAfter}.`);
  });
  if (audit.length > 0 && audit.length !== state.revision)
    throw new Error(
      `The initial state is at revision ${state.revision} but has ${audit.length} audit entries.`,
    );
}

function keepOldStore(files: StoreFiles, now: Date): void {
  let revision = 0;
  let state: ChatState | undefined;
  try {
    recoverJournal(files, () => new DurableStateFile(files.state).readSync().revision);
    state = new DurableStateFile(files.state).readSync();
    revision = state.revision;
  } catch {
    // A damaged old store is still kept byte for byte; its revision is simply unknown.
    sweepTemps(files);
  }
  makeDirectory(files.backups, ownerOf(files.state).mode);
  for (const file of [files.messages, files.audit])
    if (lstatOrNull(file) === null) writeNewFile(file, '', ownerOf(files.state));
  const backup = prepareBackup(files, {
    reason: 'replaced by pchat init',
    revision,
    ...(state === undefined ? {} : {state}),
    now,
    token: randomBytes(8).toString('hex'),
    owner: ownerOf(files.state),
    taken: new Set(),
    withAudit: true,
  });
  publishBackup(files, backup);
}

/**
 * The state log that starts from `state` first, then state.json, whose rename creates the store:
 * once it happened, a failed flush after it must not say "Not saved".
 */
function writeStateLast(files: StoreFiles, state: ChatState, owner: FileOwner, token: string): void {
  const text = serializeState(state);
  const bytes = Buffer.byteLength(text, 'utf8');
  replaceWith(
    files.stateLog,
    headerLine({revision: state.revision, sha256: sha256(text), bytes}),
    owner,
    token,
  );
  try {
    new DurableStateFile(files.state).writeSync(state, owner, text);
  } catch (error) {
    if (!(error instanceof StoreError) || !holds(files.state, text)) throw error;
    try {
      fsyncDir(files.dir);
    } catch {
      throw new StoreError(
        error.code,
        `The store was created in ${files.dir}, but ${error.message.replace(/^Not saved: /, '')} Run the command again once the disk is sound.`,
        error.path,
      );
    }
  }
}

const holds = (file: string, text: string): boolean => {
  try {
    return fs.readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
};

/**
 * A file written beforehand gets the store's mode and owner, then its name in the store: renamed
 * when it is on the store's file system, else copied beside its name first (as a temp file).
 */
function moveInto(from: string, file: string, owner: FileOwner, token: string): void {
  if (fs.statSync(from).dev !== fs.statSync(path.dirname(file)).dev) {
    const temp = tempPath(file, token);
    copyNewFile(from, temp, owner);
    renameDurably(temp, file);
    return;
  }
  io('set the mode of', from, () => {
    const fd = fs.openSync(from, 'r');
    try {
      applyOwner(fd, owner);
    } finally {
      fs.closeSync(fd);
    }
  });
  renameDurably(from, file);
}

function replaceWith(file: string, text: string, owner: FileOwner, token: string): void {
  const temp = tempPath(file, token);
  writeNewFile(temp, text, owner);
  renameDurably(temp, file);
}

function makeDirectory(dir: string, fileMode: number): void {
  const mode = fileMode | ((fileMode & 0o444) >> 2);
  if (lstatOrNull(dir) !== null) return;
  io('create', dir, () => {
    fs.mkdirSync(dir, {mode});
    fs.chmodSync(dir, mode);
  });
  fsyncDir(path.dirname(dir));
}
