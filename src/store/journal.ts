// The commit journal: what a commit will do besides replacing state.json, written durably before
// state.json is replaced. state.json's revision decides after a crash: at the journal's
// revisionAfter the commit happened and the rest is applied again (every step is repeatable);
// at revisionBefore it did not and the prepared files are thrown away.

import fs from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import type {AuditEntry} from '../domain/types.js';
import {damaged, decodeJson} from './decode.js';
import {
  io,
  isErrno,
  removeQuietly,
  renameDurably,
  writeAtDurably,
  writeNewFile,
  type FileOwner,
} from './durable-fs.js';
import {isExportTemp, publishExport} from './exports.js';
import {toJsonLine} from './jsonl.js';
import {appendFromFile} from './message-log.js';
import {publishBackup, readNoFollow} from './backups.js';
import {lstatOrNull} from './safety.js';
import {isTempName, tempPath, type StoreFiles} from './store-files.js';

const relative = z
  .string()
  .refine((p) => !path.isAbsolute(p) && !p.split('/').includes('..'), 'must stay inside the store');

const journalSchema = z.strictObject({
  version: z.literal(1),
  token: z.string(),
  revisionBefore: z.number().int().nonnegative(),
  revisionAfter: z.number().int().positive(),
  messages: z.discriminatedUnion('kind', [
    z.strictObject({kind: z.literal('unchanged')}),
    z.strictObject({kind: z.literal('append'), temp: relative, sizeBefore: z.number().int().nonnegative()}),
    z.strictObject({kind: z.literal('replace'), temp: relative}),
  ]),
  audit: z.strictObject({sizeBefore: z.number().int().nonnegative(), line: z.string()}),
  backups: z.array(z.strictObject({temp: relative, final: relative})),
  exports: z.array(z.strictObject({temp: relative, final: relative})),
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

/** Everything after the state: messages, audit entry, backups, exports. Safe to run again. */
export function applyJournal(files: StoreFiles, journal: Journal): void {
  const at = (p: string): string => path.join(files.dir, p);
  const messages = journal.messages;
  if (messages.kind === 'append') appendFromFile(files.messages, messages.sizeBefore, at(messages.temp));
  if (messages.kind === 'replace' && fs.existsSync(at(messages.temp)))
    renameDurably(at(messages.temp), files.messages);
  writeAtDurably(files.audit, journal.audit.sizeBefore, journal.audit.line);
  for (const backup of journal.backups) publishBackup(files, backup);
  for (const prepared of journal.exports) publishExport(files, prepared);
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
      // Never through a link: the temp files of someone else's folder are not ours to remove.
      if (!fs.lstatSync(dir).isDirectory()) continue;
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (isTemp(name)) removeQuietly(path.join(dir, name));
  }
}

/**
 * Finishes or undoes a commit a crashed process left behind, then sweeps temp files. Under the lock.
 * Returns whether there was a journal.
 */
export function recoverJournal(files: StoreFiles, stateRevision: () => number): boolean {
  const journal = readJournal(files);
  if (journal) {
    const revision = stateRevision();
    if (revision === journal.revisionAfter) applyJournal(files, journal);
    else if (revision !== journal.revisionBefore)
      throw damaged(
        files.journal,
        `it records the commit of revision ${journal.revisionAfter}, but ${files.state} is at revision ${revision}`,
      );
    closeJournal(files);
  } else sweepTemps(files);
  return journal !== null;
}
