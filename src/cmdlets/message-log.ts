// Helpers of the cmdlets that read and rewrite the message log.

import type {RemovedObjects} from '../domain/ports.js';
import type {CmdletContext} from './types.js';

export const messageCount = (n: number): string => `${n} message${n === 1 ? '' : 's'}`;

/** True when the iterable yields anything; reads at most one item. */
export const hasAny = (items: Iterable<unknown>): boolean => {
  for (const _ of items) return true;
  return false;
};

/**
 * Removals keep what they delete: the store writes these rooms and categories, and every message
 * the line's rewrites delete or change, into one removal backup in the same commit.
 */
export const keepRemoved = (ctx: CmdletContext, removed: Partial<RemovedObjects>): void => {
  ctx.effect({kind: 'keepRemoved', rooms: removed.rooms ?? [], categories: removed.categories ?? []});
};

/** The help remark every removal ends with: how to take it back. */
export const UNDO_REMARK =
  'What it removes is kept in a removal backup: Get-PcBackup lists it (Kind Removal), and Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup brings it back.';
