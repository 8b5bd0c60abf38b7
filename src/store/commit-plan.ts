// Turns a CommitPlan into files prepared beside the store (temp message log, backups, exports) and
// the journal that says how to install them. Nothing committed is touched here: if anything fails,
// sweeping the temp files leaves the store exactly as it was.

import path from 'node:path';
import type {AuditEntry, ChatState} from '../domain/types.js';
import type {CommitPlan} from './port.js';
import {openBackup, prepareBackup, type PreparedBackup} from './backups.js';
import {writeArchive} from './archive-write.js';
import {appendOffset, type FileOwner} from './durable-fs.js';
import {prepareExport, type PreparedExport} from './exports.js';
import {auditLine, type Journal} from './journal.js';
import {MessageDraft, type MessageOutcome} from './message-log.js';
import {auditEntrySchema, chatStateSchema, firstIssue} from './state-schema.js';
import type {StoreFiles} from './store-files.js';

export interface CommitContext {
  readonly token: string;
  readonly now: Date;
  /** Owner of state.json: journal and backups take it over. */
  readonly stateOwner: FileOwner;
  readonly messagesOwner: FileOwner;
  readonly chunkBytes?: number;
}

export interface PreparedCommit {
  readonly state: ChatState;
  readonly journal: Journal;
}

export function prepareCommit(
  files: StoreFiles,
  fresh: ChatState,
  plan: CommitPlan,
  context: CommitContext,
): PreparedCommit {
  const draft = new MessageDraft(files.messages, context.token, context.messagesOwner, context.chunkBytes);
  const backups: PreparedBackup[] = [];
  const exports: PreparedExport[] = [];
  const backupIds = new Set<string>();
  const exportPaths = new Set<string>();
  const backUp = (reason: string): void => {
    const taken = backupIds;
    const prepared = prepareBackup(files, {
      reason,
      revision: fresh.revision,
      now: context.now,
      token: context.token,
      owner: context.stateOwner,
      taken,
    });
    backupIds.add(prepared.info.id);
    backups.push(prepared);
  };
  let next = plan.state;
  for (const effect of plan.effects) {
    switch (effect.kind) {
      case 'appendMessages':
        draft.append(effect.messages);
        break;
      case 'rewriteMessages':
        draft.rewrite(effect.roomIds, effect.rewrite);
        break;
      case 'backup':
        backUp(effect.reason);
        break;
      case 'restoreBackup': {
        const source = openBackup(files, effect.id);
        backUp(`before restore of ${effect.id}`);
        next = source.state;
        draft.replaceWith(source.messages);
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
              ? (temp) => writeArchive(files, effect.archive, temp, context.chunkBytes)
              : effect.data,
          token: context.token,
          step,
          taken: exportPaths,
        });
        exportPaths.add(path.join(files.dir, prepared.final));
        exports.push(prepared);
        break;
      }
    }
  }
  const revisionAfter = fresh.revision + 1;
  const state = checked({...next, revision: revisionAfter});
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
  const journal: Journal = {
    version: 1,
    token: context.token,
    revisionBefore: fresh.revision,
    revisionAfter,
    messages: relativeOutcome(files, draft.finish()),
    audit: {sizeBefore: appendOffset(files.audit), line: auditLine(entry)},
    backups: backups.map(({temp, final}) => ({temp, final})),
    exports,
  };
  return {state, journal};
}

/** A state the store could not read back must never be written: that would lock everyone out. */
function checked(state: ChatState): ChatState {
  const parsed = chatStateSchema.safeParse(state);
  if (!parsed.success)
    throw new Error(`The new state is malformed and was not saved (${firstIssue(parsed.error)}).`);
  return state;
}

const relativeOutcome = (files: StoreFiles, outcome: MessageOutcome): MessageOutcome =>
  outcome.kind === 'unchanged' ? outcome : {...outcome, temp: path.relative(files.dir, outcome.temp)};
