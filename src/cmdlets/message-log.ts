// Helpers of the cmdlets that read and rewrite the message log.

import type {Ports} from '../domain/ports.js';
import type {CmdletContext} from './types.js';

export const messageCount = (n: number): string => `${n} message${n === 1 ? '' : 's'}`;

/** True when the iterable yields anything; reads at most one item. */
export const hasAny = (items: Iterable<unknown>): boolean => {
  for (const _ of items) return true;
  return false;
};

// One backup per evaluated line: the ports object is created once per evaluation.
const backedUp = new WeakSet<Ports>();

/** High-impact message changes keep a backup first (contract section 3). */
export const backupOnce = (ctx: CmdletContext, reason: string): void => {
  if (backedUp.has(ctx.ports)) return;
  backedUp.add(ctx.ports);
  ctx.effect({kind: 'backup', reason});
};
