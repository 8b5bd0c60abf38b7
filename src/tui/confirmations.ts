// The confirmation tiers of the keymap: tier 0 acts, tier 1 asks with Cancel focused, tier 2 shows
// a -WhatIf preview and asks for the target's name to be typed.

import type {ConsoleContext} from './console-context.js';
import {displaySafe} from '../lang/display-safe.js';
import type {Tier} from './binding.js';
import type {PendingRun} from './state/ui-state.js';

export interface ConfirmText {
  readonly title: string;
  readonly lines: readonly string[];
  /** What a tier-2 dialog asks the operator to type. */
  readonly expected: string;
}

/** `-WhatIf` on every statement of a line the console built (statements are joined with '; '). */
export const whatIfLine = (line: string): string =>
  line
    .split('; ')
    .map((s) => `${s} -WhatIf`)
    .join('; ');

/** Runs a confirmed line; its marks go once it succeeded. */
export async function executePending(ctx: ConsoleContext, pending: PendingRun): Promise<void> {
  const run = await ctx.run(pending.line, {expect: pending.expect});
  if (run?.ok && pending.clearMarks) ctx.dispatch({type: 'marks', pane: ctx.ui.pane, marks: []});
}

async function addPreview(ctx: ConsoleContext, pending: PendingRun): Promise<void> {
  const run = await ctx.run(whatIfLine(pending.line), {silent: true});
  const overlay = ctx.ui.overlay;
  if (overlay.kind !== 'typed' || overlay.run !== pending || !run) return;
  const lines = [
    ...run.whatIf.map(displaySafe),
    ...run.warnings.map((w) => `WARNING: ${displaySafe(w.message)} [${displaySafe(w.warningId)}]`),
    ...run.errors.map((e) => `Would fail: ${displaySafe(e.message)} [${displaySafe(e.errorId)}]`),
  ];
  if (lines.length > 0)
    ctx.dispatch({
      type: 'overlay',
      overlay: {...overlay, lines: [...overlay.lines, '', 'Preview:', ...lines]},
    });
}

export function confirmRun(ctx: ConsoleContext, tier: Tier, text: ConfirmText, pending: PendingRun): void {
  if (tier === 0) {
    void ctx.track(executePending(ctx, pending));
    return;
  }
  const lines = [...text.lines, '', `Runs: ${displaySafe(pending.line)}`];
  if (tier === 1) {
    ctx.dispatch({
      type: 'overlay',
      overlay: {kind: 'confirm', title: text.title, lines, focus: 'cancel', run: pending},
    });
    return;
  }
  ctx.dispatch({
    type: 'overlay',
    overlay: {
      kind: 'typed',
      title: text.title,
      lines,
      expected: text.expected,
      text: '',
      error: null,
      run: pending,
    },
  });
  void ctx.track(addPreview(ctx, pending));
}

/** "pc1\A, pc1\B, pc1\C and 4 more" */
export function targetList(targets: readonly string[], shown = 3): string {
  const head = targets.slice(0, shown).map(displaySafe).join(', ');
  return targets.length > shown ? `${head} and ${targets.length - shown} more` : head;
}
