// The commit journal: what a commit does besides recording the state's change, written durably
// first. The log lines (messages appended, the audit entry) are written at their recorded offsets
// before the commit point, so that a full disk or a file size limit stops the commit before it; the
// commit point is the state's change: its record appended to the state log (stateRecord), or, for a
// commit that replaces the whole state (a restore, a store without a state log), state.json replaced.
// Renames (a new message log, backups, exports, the state log of a replaced state) follow it, since
// they need no space. The state's revision (state.json with the state log applied) decides after a
// crash: at the journal's revisionAfter the commit happened and the rest is applied again (every step
// is repeatable); at revisionBefore it did not, the logs (the state log too) are cut back to their
// recorded sizes and the prepared files are thrown away. A journal is checked against the files
// before either: one that does not match them is refused, never acted on.

import fs from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import type {AuditEntry} from '../domain/types.js';
import {damaged, decodeJson} from './decode.js';
import {StoreError} from './port.js';
import {
  io,
  isErrno,
  removeDurably,
  removeQuietly,
  renameDurably,
  truncateDurably,
  writeAtDurably,
  writeAtEnd,
  writeNewFile,
  type FileOwner,
} from './durable-fs.js';
import {isExportTemp, publishExport} from './exports.js';
import {toJsonLine} from './jsonl.js';
import {appendFromFile} from './message-log.js';
import {publishBackup, readNoFollow} from './backups.js';
import {lstatOrNull} from './safety.js';
import {sha256} from './state-file.js';
import {isTempName, tempPath, type StoreFiles} from './store-files.js';
import {isSparedOnce} from './spared-temps.js';

// Built at its first parse (z.lazy; why: domain/lazy-schemas.ts): a Get reads no journal.
const journalSchema = z.lazy(() => {
  const relative = z
    .string()
    .refine((p) => !path.isAbsolute(p) && !p.split('/').includes('..'), 'must stay inside the store');

  return z.strictObject({
    version: z.literal(1),
    token: z.string(),
    revisionBefore: z.number().int().nonnegative(),
    revisionAfter: z.number().int().positive(),
    messages: z.discriminatedUnion('kind', [
      z.strictObject({kind: z.literal('unchanged')}),
      z.strictObject({kind: z.literal('append'), temp: relative, sizeBefore: z.number().int().nonnegative()}),
      z.strictObject({kind: z.literal('replace'), temp: relative}),
    ]),
    /** Removal records (message-removals.ts), appended at sizeBefore before the commit point. */
    removals: z.strictObject({temp: relative, sizeBefore: z.number().int().nonnegative()}).optional(),
    audit: z.strictObject({sizeBefore: z.number().int().nonnegative(), line: z.string()}),
    /** The state's change as a line of the state log, appended at sizeBefore: the commit point. */
    stateRecord: z.strictObject({sizeBefore: z.number().int().nonnegative(), line: z.string()}).optional(),
    /** With a replaced state.json: the state log that starts from it, renamed into place after it. */
    stateLog: relative.optional(),
    /** sha256 of the new state.json, when the commit replaces it; absent in journals written before it was recorded. */
    stateSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    backups: z.array(z.strictObject({temp: relative, final: relative})),
    exports: z.array(z.strictObject({temp: relative, final: relative, replace: z.literal(true).optional()})),
  });
});

export type Journal = z.infer<typeof journalSchema>;

export const auditLine = (entry: AuditEntry): string => toJsonLine(entry);

export function writeJournal(files: StoreFiles, journal: Journal, owner: FileOwner): void {
  const temp = tempPath(files.journal, journal.token);
  writeNewFile(temp, `${JSON.stringify(journal)}\n`, owner);
  renameDurably(temp, files.journal);
}

export function readJournal(files: StoreFiles): Journal | null {
  if (lstatOrNull(files.journal) === null) return null;
  const parsed = journalSchema.safeParse(decodeJson(readNoFollow(files.journal), files.journal));
  if (!parsed.success) throw damaged(files.journal, 'it is not a commit journal');
  return parsed.data;
}

export {sha256} from './state-file.js';

const at = (files: StoreFiles, p: string): string => path.join(files.dir, p);

/** Before the commit point: the appended messages and the audit entry, at their recorded offsets. Repeatable. */
export function writeLogs(files: StoreFiles, journal: Journal): void {
  const messages = journal.messages;
  if (messages.kind === 'append')
    appendFromFile(files.messages, messages.sizeBefore, at(files, messages.temp));
  if (journal.removals)
    appendFromFile(files.removals, journal.removals.sizeBefore, at(files, journal.removals.temp));
  writeAtDurably(files.audit, journal.audit.sizeBefore, journal.audit.line);
}

/**
 * A commit that only appends its state record needs no journal on disk: the record, which carries
 * the audit entry, is its commit point and its one fsync; the entry is then written to audit.jsonl
 * without one (writeAuditAfter). Cut short before the record, nothing happened (a record cut short is
 * no line, and the next writer cuts it off); after it, audit.jsonl is brought up to date by whoever
 * takes the lock next (audit-catch-up.ts); a failure is undone from the journal in memory.
 */
export const needsJournal = (journal: Journal): boolean =>
  journal.stateRecord === undefined ||
  journal.stateLog !== undefined ||
  journal.messages.kind !== 'unchanged' ||
  journal.removals !== undefined ||
  journal.backups.length > 0 ||
  journal.exports.length > 0;

/**
 * After the commit point of a commit without a journal: its audit entry, unflushed, for the record
 * already holds it durably. A failure here is left for the next holder of the lock to make good:
 * false when the entry could not be written.
 */
export function writeAuditAfter(files: StoreFiles, journal: Journal): boolean {
  try {
    // Where prepareCommit found or cut audit.jsonl's end, under this lock.
    writeAtEnd(files.audit, journal.audit.sizeBefore, journal.audit.line, {flush: false, statAfter: false});
    return true;
  } catch {
    // The commit happened; the entry is in its record, and catchUpAudit appends it.
    return false;
  }
}

/**
 * The commit point of a commit that appends the state's change: its record, flushed (unless `flush`
 * is false: a group commit, whose flush comes later, FileStore.flush), at the end prepareCommit found
 * or cut the state log to under this lock (no other step of the commit writes that log). Returns the
 * log's stat once written, for the state's key (DurableStateFile.noteAppend).
 */
export function writeStateRecord(files: StoreFiles, journal: Journal, flush = true): fs.BigIntStats | null {
  if (!journal.stateRecord) return null;
  const {sizeBefore, line} = journal.stateRecord;
  return writeAtEnd(files.stateLog, sizeBefore, line, {flush, statAfter: true});
}

/** After the commit point: renames only (the new message log, state log, backups, exports). Repeatable. */
export function publishRenames(files: StoreFiles, journal: Journal): void {
  if (journal.stateLog !== undefined && fs.existsSync(at(files, journal.stateLog)))
    renameDurably(at(files, journal.stateLog), files.stateLog);
  const messages = journal.messages;
  if (messages.kind === 'replace') {
    if (fs.existsSync(at(files, messages.temp))) renameDurably(at(files, messages.temp), files.messages);
    // Only now: the records are stale beside the new log, never missing beside the old (message-removals.ts).
    removeDurably(files.removals);
  }
  for (const backup of journal.backups) publishBackup(files, backup);
  for (const prepared of journal.exports) publishExport(files, prepared);
}

/** Everything after the state: messages, audit entry, backups, exports. Safe to run again. */
export function applyJournal(files: StoreFiles, journal: Journal): void {
  writeLogs(files, journal);
  publishRenames(files, journal);
}

/** A commit that did not happen: whatever part of its log lines was written is cut off again. */
export function undoLogs(files: StoreFiles, journal: Journal): void {
  if (journal.stateRecord) truncateDurably(files.stateLog, journal.stateRecord.sizeBefore);
  if (journal.messages.kind === 'append') truncateDurably(files.messages, journal.messages.sizeBefore);
  if (journal.removals) truncateDurably(files.removals, journal.removals.sizeBefore);
  truncateDurably(files.audit, journal.audit.sizeBefore);
}

/** Ends a journal: it is removed first, then the temp files it named, which nothing needs any more. */
export function closeJournal(files: StoreFiles): void {
  try {
    fs.unlinkSync(files.journal);
  } catch (error) {
    if (!isErrno(error, 'ENOENT'))
      io('remove', files.journal, () => {
        throw error;
      });
  }
  sweepTemps(files);
}

/**
 * Removes temp files left by commits that never reached their journal. Runs under the lock only:
 * another process's commit in progress owns the temp files it is writing.
 */
export function sweepTemps(files: StoreFiles): void {
  for (const [dir, isTemp] of [
    [files.dir, isTempName],
    [files.backups, isTempName],
    [files.exports, isExportTemp],
  ] as const) {
    let names: string[];
    try {
      // Never through a link: the temp files of someone else's folder are not ours to remove. A
      // folder not made yet (exports/, until the first export) is asked for without an exception
      // thrown and caught at every commit (safety.ts).
      if (lstatOrNull(dir)?.isDirectory() !== true) continue;
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names)
      if (isTemp(name) && !isSparedOnce(path.join(dir, name))) removeQuietly(path.join(dir, name));
  }
}

/**
 * Finishes or undoes a commit a crashed process left behind, then sweeps temp files. Under the lock.
 * Returns whether there was a journal.
 */
export function recoverJournal(files: StoreFiles, stateRevision: () => number | null): boolean {
  const journal = readJournal(files);
  if (journal) {
    // An unreadable state.json is never a journal's new state: the store writes none.
    const revision = stateRevision() ?? journal.revisionBefore;
    checkJournal(files, journal, revision);
    if (revision === journal.revisionAfter) applyJournal(files, journal);
    else undoLogs(files, journal);
    closeJournal(files);
  } else sweepTemps(files);
  return journal !== null;
}

const mismatch = (files: StoreFiles, reason: string): StoreError =>
  new StoreError(
    'StoreDamaged',
    `The commit journal ${files.journal} does not match the store: ${reason}. Nothing was changed. ` +
      `If no pchat command is running, move the journal aside (mv ${files.journal} ${files.journal}.rejected) ` +
      'and run the command again; the store is then as its last complete commit left it.',
    files.journal,
  );

/** Refuses a journal whose revisions, log sizes, log bytes or state hash do not fit the files. */
function checkJournal(files: StoreFiles, journal: Journal, revision: number): void {
  const {revisionBefore, revisionAfter} = journal;
  if (revisionAfter !== revisionBefore + 1)
    throw mismatch(files, `it records a change from revision ${revisionBefore} to ${revisionAfter}`);
  if (revision !== revisionBefore && revision !== revisionAfter)
    throw mismatch(
      files,
      `it records the commit of revision ${revisionAfter}, but ${files.state} is at revision ${revision}`,
    );
  if (revision === revisionAfter && journal.stateSha256 !== undefined)
    if (sha256(readNoFollow(files.state)) !== journal.stateSha256)
      throw mismatch(files, `${files.state} is at revision ${revision} but is not the state it recorded`);
  if (journal.stateRecord) {
    const record = Buffer.from(journal.stateRecord.line, 'utf8');
    const problem = appendProblem(files.stateLog, journal.stateRecord.sizeBefore, () => record);
    if (problem) throw mismatch(files, problem);
  }
  const audit = Buffer.from(journal.audit.line, 'utf8');
  const auditProblem = appendProblem(files.audit, journal.audit.sizeBefore, () => audit);
  if (auditProblem) throw mismatch(files, auditProblem);
  const messages = journal.messages;
  if (messages.kind === 'append') {
    const temp = at(files, messages.temp);
    if (lstatOrNull(temp) === null) throw mismatch(files, `the messages it appends (${temp}) are missing`);
    const problem = appendProblem(files.messages, messages.sizeBefore, () => readNoFollow(temp));
    if (problem) throw mismatch(files, problem);
  }
  if (journal.removals) {
    const temp = at(files, journal.removals.temp);
    if (lstatOrNull(temp) === null) throw mismatch(files, `the removals it records (${temp}) are missing`);
    const problem = appendProblem(files.removals, journal.removals.sizeBefore, () => readNoFollow(temp));
    if (problem) throw mismatch(files, problem);
  }
}

/**
 * Why `file` cannot be a log at `sizeBefore` with part (or all, or none) of `appended` written after
 * it, or null when it can: nothing else writes a log while the journal exists.
 */
function appendProblem(file: string, sizeBefore: number, appended: () => Buffer): string | null {
  return io('read', file, () => {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      const size = fs.fstatSync(fd).size;
      if (size < sizeBefore)
        return `${file} is ${size} bytes, shorter than the ${sizeBefore} bytes it recorded`;
      const before = Buffer.alloc(1);
      if (sizeBefore > 0 && (fs.readSync(fd, before, 0, 1, sizeBefore - 1) !== 1 || before[0] !== 0x0a))
        return `the ${sizeBefore} bytes it recorded for ${file} do not end at the end of a line`;
      if (size === sizeBefore) return null;
      const expected = appended();
      if (size > sizeBefore + expected.length)
        return `${file} is ${size} bytes, more than the ${sizeBefore + expected.length} bytes it accounts for`;
      const written = Buffer.alloc(size - sizeBefore);
      fs.readSync(fd, written, 0, written.length, sizeBefore);
      return written.equals(expected.subarray(0, written.length))
        ? null
        : `the bytes of ${file} from offset ${sizeBefore} are not the lines it records`;
    } finally {
      fs.closeSync(fd);
    }
  });
}
