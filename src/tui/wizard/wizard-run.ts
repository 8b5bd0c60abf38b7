// Runs the step on screen as a normal cmdlet line through the console's session: audited like any
// other line, and backed up by the cmdlet itself before it writes (each procedure cmdlet takes a
// store backup in the commit that changes the pool).

import {catalog} from '../../cmdlets/catalog.js';
import {procedureLine} from '../../lang/procedure-line.js';
import type {ConsoleContext} from '../console-context.js';
import type {Overlay} from '../state/ui-state.js';
import {recordRun, type StepRun, type WizardState} from './wizard-state.js';

export const wizardOf = (ctx: ConsoleContext): WizardState | null =>
  ctx.ui.overlay.kind === 'wizard' ? ctx.ui.overlay.wizard : null;

export function showWizard(ctx: ConsoleContext, wizard: WizardState): void {
  const before = ctx.ui.overlay;
  const moved =
    before.kind !== 'wizard' ||
    before.wizard.index !== wizard.index ||
    before.wizard.procedure !== wizard.procedure;
  ctx.dispatch({type: 'overlay', overlay: {kind: 'wizard', wizard} satisfies Overlay});
  // Each step's screen starts at its top.
  if (moved) ctx.dispatch({type: 'scroll', move: 'first', lines: 0, height: 1});
}

export async function runWizardStep(ctx: ConsoleContext, wizard: WizardState): Promise<void> {
  const step = wizard.steps[wizard.index];
  if (!step || wizard.running) return;
  const line = procedureLine(step, catalog);
  showWizard(ctx, {...wizard, running: true});
  const startedAt = ctx.now();
  const run = await ctx.run(line);
  const endedAt = ctx.now();
  const record: StepRun = {
    index: wizard.index,
    line,
    startedAt,
    endedAt,
    outcome: run?.ok ? 'succeeded' : 'failed',
    warnings: run?.warnings.map((w) => ({id: w.warningId, message: w.message})) ?? [],
    errors:
      run?.errors.map((e) => ({id: e.errorId, message: e.message})) ??
      (ctx.ui.message ? [{id: 'NotRun', message: ctx.ui.message.text}] : []),
  };
  // The wizard may have been closed while the line ran: the run stands, the screen does not come back.
  const now = wizardOf(ctx);
  if (now) showWizard(ctx, recordRun(now, record));
}
