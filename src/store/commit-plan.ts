// Turns a CommitPlan into files prepared beside the store (temp message log, backups, exports), the
// state's change (a record for the state log, or a whole new state.json) and the journal that says
// how to install them. Nothing committed is touched here: if anything fails, sweeping the temp files
// leaves the store exactly as it was.

import path from 'node:path';
import type {BackupInfo} from '../domain/ports.js';
import type {AuditEntry, ChatState} from '../domain/types.js';
import type {CommitPlan} from './port.js';
import {openBackup, prepareBackup, type PreparedBackup} from './backups.js';
import {auditAppendOffset} from './audit-log.js';
import {logContent, writeArchive} from './archive-write.js';
import type {FileOwner} from './durable-fs.js';
import {prepareExport, type PreparedExport} from './exports.js';
import {auditLine, sha256, type Journal} from './journal.js';
import {appendOffset} from './jsonl.js';
import {diffState} from './state-diff.js';
import {checkedChange, growthBound, headerLine, recordLine, stateLogFormat} from './state-log.js';
import {tempPath} from './store-files.js';
import {truncateDurably, writeNewFile} from './durable-fs.js';
import {COMPACT_SHARE, MessageDraft, REWRITE_LOG_BELOW_BYTES, type MessageOutcome} from './message-log.js';
import {restoreMessages} from './removal-merge.js';
import {lineOps, openRemoval, RemovalKeeper} from './removal-backups.js';
import {auditEntrySchema, chatStateSchema, firstIssue} from './state-schema.js';
import {serializeWithin} from './state-file.js';
import {DEFAULT_LIMITS, type DecodeLimits} from './decode.js';
import type {StoreFiles} from './store-files.js';

export interface CommitContext {
  readonly token: string;
  readonly now: Date;
  /**
   * Owner of state.json: journal and backups take it over. Both owners are read only by a commit that
   * writes files of its own (messages, backups, exports), so a caller may look them up lazily (getters).
   */
  readonly stateOwner: FileOwner;
  readonly messagesOwner: FileOwner;
  readonly chunkBytes?: number;
  /** The limits state.json is read with: a state over them is refused before anything is written. */
  readonly limits?: DecodeLimits;
  /** Write the whole state (state.json and a state log that starts from it) rather than a record of its change. */
  readonly replaceState?: boolean;
  /** A bound on state.json's size at `fresh` (DurableStateFile.sizeBound); unknown, the new state is serialized to check. */
  readonly stateBytes?: number;
  /** FileStoreOptions' rewriteLogBelowBytes and compactShare. */
  readonly rewriteLogBelowBytes?: number;
  readonly compactShare?: number;
  /**
   * Where the audit and state logs end, when the caller knows it (file-store.ts). Unknown, each log's
   * last line is read and checked.
   */
  readonly logEnds?: LogEnds;
}

/** Where the next audit entry and the next state record go. */
export interface LogEnds {
  readonly audit: number;
  readonly stateLog: number;
  /**
   * True when the caller found the ends under this lock by reading the logs (the state log's lines
   * as it read the state, audit.jsonl's last entry as it caught it up): bytes past them (a line cut
   * short, an entry past the state) are then cut off first, as for ends read here. Absent when it has
   * held the lock since it wrote both ends itself (a group commit): nobody else wrote there; or when
   * it found, under this lock, each log's size at its end: there is nothing past them.
   */
  readonly read?: boolean;
}

export interface PreparedCommit {
  readonly state: ChatState;
  /** state.json's new content, checked against the read limits, when the commit replaces it. */
  readonly text: string | null;
  /** The bytes the record may add to state.json (state-log.ts), when the commit appends one. */
  readonly grows: number;
  readonly journal: Journal;
  /** The backups this commit makes, for the caller to report. */
  readonly backups: readonly BackupInfo[];
}

export function prepareCommit(
  files: StoreFiles,
  fresh: ChatState,
  plan: CommitPlan,
  context: CommitContext,
): PreparedCommit {
  const revisionAfter = fresh.revision + 1;
  // The new state is known before any file is written, so one the store could not read back stops here.
  const restored = new Map<string, ReturnType<typeof openBackup>>();
  for (const effect of plan.effects)
    if (effect.kind === 'restoreBackup') restored.set(effect.id, openBackup(files, effect.id));
  const lastRestored = [...restored.values()].at(-1);
  const replace = context.replaceState === true || lastRestored !== undefined;
  const state = {...(lastRestored?.state ?? plan.state), revision: revisionAfter};
  const entry: AuditEntry = {
    ...plan.audit,
    seq: revisionAfter,
    time: context.now.toISOString(),
    revisionBefore: fresh.revision,
    revisionAfter,
  };
  const audit = auditEntrySchema.safeParse(entry);
  if (!audit.success)
    throw new Error(`The audit entry of this commit is malformed (${firstIssue(audit.error)}).`);
  const change = replace ? null : stateRecord(files, fresh, state, entry, context);
  const text = replace ? serializeWithin(checked(state), files.state, context.limits) : null;
  const draft = new MessageDraft(
    files.messages,
    context.token,
    () => context.messagesOwner,
    {
      file: files.removals,
      revision: revisionAfter,
      rewriteBelowBytes: context.rewriteLogBelowBytes ?? REWRITE_LOG_BELOW_BYTES,
      compactShare: context.compactShare ?? COMPACT_SHARE,
    },
    context.chunkBytes,
  );
  const backups: PreparedBackup[] = [];
  const exports: PreparedExport[] = [];
  const backupIds = new Set<string>();
  const exportPaths = new Set<string>();
  const backUp = (reason: string): void => {
    const taken = backupIds;
    const prepared = prepareBackup(files, {
      reason,
      revision: fresh.revision,
      state: fresh,
      now: context.now,
      token: context.token,
      owner: context.stateOwner,
      taken,
    });
    backupIds.add(prepared.info.id);
    backups.push(prepared);
  };
  // One removal backup per commit, however many removals the line ran; the rewrites stream into it.
  const keeper = plan.effects.some((e) => e.kind === 'keepRemoved')
    ? new RemovalKeeper(files, {
        command: plan.audit.command,
        revision: fresh.revision,
        now: context.now,
        token: context.token,
        owner: context.stateOwner,
        taken: backupIds,
      })
    : null;
  if (keeper) {
    backupIds.add(keeper.id);
    draft.witnessRewrites(keeper);
  }
  try {
    applyEffects();
    if (keeper) backups.push(keeper.finish());
  } catch (error) {
    keeper?.discard();
    throw error;
  }
  const journal: Journal = {
    version: 1,
    token: context.token,
    revisionBefore: fresh.revision,
    revisionAfter,
    messages: relativeOutcome(files, draft.finish()),
    ...removalsOutcome(files, draft.finishRemovals()),
    audit: {
      sizeBefore: logEnd(files.audit, context.logEnds, 'audit', () =>
        auditAppendOffset(files.audit, fresh.revision),
      ),
      line: auditLine(entry),
    },
    ...(change === null ? {} : {stateRecord: change.record}),
    ...(text === null
      ? {}
      : {stateSha256: sha256(text), stateLog: newStateLog(files, revisionAfter, text, context)}),
    backups: backups.map(({temp, final}) => ({temp, final})),
    exports,
  };
  return {state, text, grows: change?.grows ?? 0, journal, backups: backups.map((b) => b.info)};

  function applyEffects(): void {
    for (const effect of plan.effects) {
      switch (effect.kind) {
        case 'appendMessages':
          draft.append(effect.messages);
          break;
        case 'rewriteMessages':
          draft.rewrite(effect.roomIds, effect.rewrite, effect.dropsRooms);
          break;
        case 'backup':
          backUp(effect.reason);
          break;
        case 'keepRemoved':
          keeper?.keepObjects(effect);
          break;
        case 'restoreRemoval': {
          const opened = openRemoval(files, effect.id);
          if (!opened) throw new Error(`There is no removal backup ${effect.id} to restore.`);
          draft.transform((lines) => restoreMessages(lines, opened.entries, lineOps));
          break;
        }
        case 'restoreBackup': {
          backUp(`before restore of ${effect.id}`);
          draft.replaceWith(restored.get(effect.id)?.messages ?? openBackup(files, effect.id).messages);
          break;
        }
        case 'appendMessageFiles':
          draft.appendFiles(effect.files);
          break;
        case 'writeFile':
        case 'writeArchive': {
          const step = exports.length + 1;
          const prepared = prepareExport(files, {
            path: effect.path,
            data:
              effect.kind === 'writeArchive'
                ? {
                    writeTo: (temp) =>
                      writeArchive(
                        files,
                        effect.archive,
                        temp,
                        logContent(files.messages, context.chunkBytes),
                      ),
                  }
                : effect.data,
            token: context.token,
            step,
            taken: exportPaths,
            replace: effect.kind === 'writeFile' && effect.replace === true,
            append: effect.kind === 'writeFile' && effect.append === true,
          });
          exportPaths.add(path.join(files.dir, prepared.final));
          exports.push(prepared);
          break;
        }
      }
    }
  }
}

/**
 * The state's change as a line of the state log, with the commit's audit entry, each value checked as
 * a reader will check it, and the state's size bound: a state that could be over the read limit is
 * serialized to know for sure. Only the changed items are checked and bounded, which is sound: the
 * rest of the state was checked when it was written (each record when it was prepared and again when
 * read, state.json at its checkpoint or in full when it is not one), and the diff looks only at the
 * items the domain replaced (replaced-items.ts), so a commit costs what it changed.
 */
function stateRecord(
  files: StoreFiles,
  fresh: ChatState,
  state: ChatState,
  audit: AuditEntry,
  context: CommitContext,
): {record: {sizeBefore: number; line: string}; grows: number} {
  const changes = diffState(fresh, state, ['revision']).map((c) => checkedChange(c, files.stateLog, null));
  const grows = growthBound(changes);
  if (
    context.stateBytes === undefined ||
    context.stateBytes + grows > (context.limits ?? DEFAULT_LIMITS).maxBytes
  )
    serializeWithin(state, files.state, context.limits);
  const line = recordLine({
    revisionBefore: fresh.revision,
    revisionAfter: state.revision,
    grows,
    changes,
    audit,
  });
  return {
    record: {
      sizeBefore: logEnd(files.stateLog, context.logEnds, 'stateLog', () =>
        appendOffset(files.stateLog, stateLogFormat),
      ),
      line,
    },
    grows,
  };
}

/** Where the next line of one of the logs goes: known to the caller (LogEnds), or read (`find`). */
function logEnd(
  file: string,
  ends: LogEnds | undefined,
  which: 'audit' | 'stateLog',
  find: () => number,
): number {
  if (ends === undefined) return cutTo(file, find());
  return ends.read === true ? cutTo(file, ends[which]) : ends[which];
}

/**
 * A line cut short, or an audit entry past the state, left by a commit without a journal that did not
 * reach its commit point, is cut off before the journal records the log's size: the journal's check
 * finds only its own lines past that size. Not a change: readers never read those bytes.
 */
function cutTo(file: string, size: number): number {
  truncateDurably(file, size);
  return size;
}

/** The state log of a replaced state.json: its header alone, as a temp file for the journal to rename. */
function newStateLog(files: StoreFiles, revision: number, text: string, context: CommitContext): string {
  const temp = tempPath(files.stateLog, context.token);
  const bytes = Buffer.byteLength(text, 'utf8');
  writeNewFile(temp, headerLine({revision, sha256: sha256(text), bytes}), context.stateOwner);
  return path.relative(files.dir, temp);
}

/** A state the store could not read back must never be written: that would lock everyone out. */
function checked(state: ChatState): ChatState {
  const parsed = chatStateSchema.safeParse(state);
  if (!parsed.success)
    throw new Error(`The new state is malformed and was not saved (${firstIssue(parsed.error)}).`);
  return state;
}

const removalsOutcome = (
  files: StoreFiles,
  removals: {temp: string; sizeBefore: number} | null,
): {removals?: {temp: string; sizeBefore: number}} =>
  removals === null ? {} : {removals: {...removals, temp: path.relative(files.dir, removals.temp)}};

const relativeOutcome = (files: StoreFiles, outcome: MessageOutcome): MessageOutcome =>
  outcome.kind === 'unchanged' ? outcome : {...outcome, temp: path.relative(files.dir, outcome.temp)};
