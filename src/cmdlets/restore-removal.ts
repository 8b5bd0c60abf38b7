// Restore-PcBackup of a removal backup: the rooms and categories come back into the state as it is
// now (domain/restore-removed.ts), and the store puts the messages back in the same commit.

import {CmdletError} from '../domain/errors.js';
import type {BackupInfo} from '../domain/ports.js';
import {restoreRemoved} from '../domain/restore-removed.js';
import type {CmdletContext} from './types.js';
import {messageCount} from './message-log.js';

/** One line for -WhatIf and the prompt: everything that would come back. */
const whatComesBack = (backup: BackupInfo, deleted: number, replaced: number): string => {
  const parts: string[] = [];
  const rooms = backup.rooms ?? [];
  const categories = backup.categories ?? [];
  if (categories.length > 0) parts.push(`categories ${categories.join(', ')}`);
  if (rooms.length > 0) parts.push(`rooms ${rooms.join(', ')}`);
  if (deleted > 0) parts.push(messageCount(deleted));
  if (replaced > 0) parts.push(`the text of ${messageCount(replaced)}`);
  return `Bring back what "${backup.command ?? backup.reason}" removed: ${parts.join('; ')}`;
};

export function restoreRemoval(ctx: CmdletContext, backup: BackupInfo): void {
  const id = backup.id;
  const removed = ctx.ports.backups.removed(id);
  if (!removed)
    throw new CmdletError('BackupNotFound', `Backup ${id} holds no removal. Run Get-PcBackup to list them.`, {
      target: id,
      parameter: 'Identity',
    });
  const backupHolding = (categoryId: string): string | null =>
    ctx.ports.backups
      .list()
      .filter((b) => b.kind === 'removal' && b.id !== id)
      .reverse()
      .find((b) => ctx.ports.backups.removed(b.id)?.categories.some((c) => c.id === categoryId))?.id ?? null;
  const {state, warnings} = restoreRemoved(ctx.state, {removed, backupHolding});
  const preview = ctx.ports.backups.previewRemoval(id);
  if (preview.existingIds.length > 0)
    throw new CmdletError(
      'AlreadyExists',
      `Messages of backup ${id} are in the log already (${preview.existingIds.join(', ')}): this backup was restored before.`,
      {target: id},
    );
  const objects = removed.rooms.length + removed.categories.length;
  if (objects === 0 && preview.deleted === 0 && preview.replaced === 0)
    throw new CmdletError(
      'NothingToRestore',
      `Nothing in backup ${id} can be restored: its ${messageCount(preview.changedSince)} changed or were removed since, or the backup was restored before.`,
      {target: id},
    );
  if (!ctx.shouldProcess(id, whatComesBack(backup, preview.deleted, preview.replaced))) return;
  for (const warning of warnings) ctx.warn(warning.warningId, warning.message, warning.target);
  if (preview.changedSince > 0)
    ctx.warn(
      'MessagesChangedSince',
      `${messageCount(preview.changedSince)} of backup ${id} changed or were removed since; they are left as they are.`,
      id,
    );
  if (preview.deleted > 0 || preview.replaced > 0) ctx.effect({kind: 'restoreRemoval', id});
  // The working state must differ so the line commits even when only messages come back.
  ctx.setState(state === ctx.state ? {...state} : state, [id]);
}
