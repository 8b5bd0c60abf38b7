// The confirmation tiers of the keymap: tier 0 acts, tier 1 asks with Cancel focused, tier 2 shows
// a -WhatIf preview and asks for the target's name to be typed.

import type {ConsoleContext} from './console-context.js';
import {displaySafe} from '../lang/display-safe.js';
import type {Tier} from './binding.js';
import type {PendingRun} from './state/ui-state.js';
import type {LineRun} from './session-port.js';
import {parsePoolIdentity} from '../domain/identity.js';
import {errorText} from './format-output.js';

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

/** What a -WhatIf run says would happen. */
const previewLines = (run: LineRun): string[] => [
  ...run.whatIf.map(displaySafe),
  ...run.warnings.map((w) => `WARNING: ${displaySafe(w.message)} [${displaySafe(w.warningId)}]`),
  ...run.errors.map((e) => `Would fail: ${displaySafe(e.message)} [${displaySafe(e.errorId)}]`),
];

async function addPreview(ctx: ConsoleContext, pending: PendingRun): Promise<void> {
  const run = await ctx.run(whatIfLine(pending.line), {silent: true});
  const overlay = ctx.ui.overlay;
  if (overlay.kind !== 'typed' || overlay.run !== pending || !run) return;
  const lines = previewLines(run);
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

/** What the operator types to confirm a typed line: its one target (a pool by its FQDN, as `f` asks), or a count. */
function typedTarget(run: LineRun): string | null {
  const targets = [...new Set(run.whatIfTargets.map((target) => parsePoolIdentity(target) ?? target))];
  if (targets.length === 0) return null;
  return targets.length === 1 ? (targets[0] ?? null) : `${targets.length} targets`;
}

/**
 * A high-impact line typed at `:` gets the same tier-2 confirmation as a key: its -WhatIf preview
 * (`preview`, the line with -WhatIf on every command that changes data), then the target's name
 * typed. When the preview finds nothing to do, nothing runs.
 */
export async function confirmTypedLine(ctx: ConsoleContext, line: string, preview: string): Promise<void> {
  const run = await ctx.run(preview, {silent: true});
  if (!run) return;
  const expected = typedTarget(run);
  if (expected === null) {
    const first = run.errors[0];
    ctx.say(
      first ? 'error' : 'info',
      first ? `Not run: ${errorText(first)}` : 'Not run: the preview found nothing to change.',
      `preview: ${preview}`,
    );
    return;
  }
  ctx.dispatch({
    type: 'overlay',
    overlay: {
      kind: 'typed',
      title: `Run ${run.cmdlets.length > 0 ? [...new Set(run.cmdlets)].join(', ') : 'this line'}?`,
      lines: [`Runs: ${displaySafe(line)}`, '', 'Preview:', ...previewLines(run)],
      expected,
      text: '',
      error: null,
      run: {line, expect: [], clearMarks: false},
    },
  });
}
