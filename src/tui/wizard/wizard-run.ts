// Runs the step on screen. With the store's drills, through the drill the wizard holds open (the
// same runner and record as `pchat drill`, on the scratch copy in a rehearsal); without them, as a
// normal cmdlet line through the console's session. Either way the line is audited like any other,
// and backed up by the cmdlet itself before it writes.

import {catalog} from '../../cmdlets/catalog.js';
import type {DrillStep} from '../../domain/drills.js';
import {withActiveServers} from '../../domain/procedures.js';
import {procedureLine} from '../../lang/procedure-line.js';
import type {ConsoleContext} from '../console-context.js';
import type {ConsoleDrill} from '../session-port.js';
import {storeFailureOf} from '../session-port.js';
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

/** The step on screen as it will run: with the operator's own active servers when they chose some. */
export function stepToRun(ctx: ConsoleContext, w: WizardState) {
  const step = w.steps[w.index];
  if (!step || w.servers === null) return step;
  const pool = (w.chat ?? ctx.ui.chat).topology.persistentChatPools.find((p) => p.fqdn === w.pool);
  return pool ? withActiveServers(pool, step, w.servers) : step;
}

/** Opens the wizard's drill on the store's drills at its first step; null when it cannot start. */
async function drillFor(ctx: ConsoleContext, w: WizardState): Promise<ConsoleDrill | null> {
  if (w.drill || !ctx.drills || w.procedure === null) return w.drill;
  try {
    return await ctx.drills.open({
      procedure: w.procedure,
      pool: w.pool,
      live: w.mode === 'live',
      faults: w.faultNames,
      resume: false,
      user: ctx.user,
      now: () => new Date(ctx.now()),
    });
  } catch (error) {
    ctx.say('error', error instanceof Error ? error.message : String(error));
    return null;
  }
}

const runOf = (index: number, step: DrillStep): StepRun => ({
  index,
  line: step.line,
  startedAt: Date.parse(step.startedAt ?? ''),
  endedAt: Date.parse(step.endedAt ?? step.startedAt ?? ''),
  outcome: step.outcome === 'acknowledged' ? 'acknowledged' : step.outcome === 'ok' ? 'succeeded' : 'failed',
  warnings: step.warnings.map((x) => ({id: x.warningId, message: x.message})),
  errors: step.error ? [{id: step.error.errorId, message: step.error.message}] : [],
});

/** The runs a resumed drill already has, for the checklist and the total. */
export const runsOf = (steps: readonly DrillStep[]): StepRun[] =>
  steps.flatMap((s, i) => (s.outcome === 'ok' || s.outcome === 'acknowledged' ? [runOf(i, s)] : []));

async function runOnDrill(ctx: ConsoleContext, w: WizardState): Promise<StepRun | null> {
  const drill = await drillFor(ctx, w);
  if (!drill) return null;
  const shown = wizardOf(ctx);
  // Closed while the drill opened: nothing holds it, so it is released at once.
  if (!shown) {
    if (drill !== w.drill) drill.close();
    return null;
  }
  showWizard(ctx, {...shown, drill});
  try {
    const record = await ctx.track(drill.runStep(w.index, w.servers === null ? {} : {servers: w.servers}));
    const step = record.steps[w.index];
    return step ? runOf(w.index, step) : null;
  } catch (error) {
    const failure = storeFailureOf(error);
    if (!failure) throw error;
    ctx.say('error', failure.message);
    return null;
  } finally {
    // A live drill changed the console's store: show it.
    if (w.mode === 'live') await ctx.reload();
  }
}

async function runOnSession(ctx: ConsoleContext, w: WizardState): Promise<StepRun | null> {
  const step = stepToRun(ctx, w);
  if (!step) return null;
  const startedAt = ctx.now();
  if (step.kind === 'acknowledge') return {...emptyRun(w.index, startedAt), outcome: 'acknowledged'};
  const line = procedureLine(step, catalog);
  const run = await ctx.run(line);
  return {
    ...emptyRun(w.index, startedAt),
    line,
    endedAt: ctx.now(),
    outcome: run?.ok ? 'succeeded' : 'failed',
    warnings: run?.warnings.map((x) => ({id: x.warningId, message: x.message})) ?? [],
    errors:
      run?.errors.map((e) => ({id: e.errorId, message: e.message})) ??
      (ctx.ui.message ? [{id: 'NotRun', message: ctx.ui.message.text}] : []),
  };
}

const emptyRun = (index: number, at: number): StepRun => ({
  index,
  line: '',
  startedAt: at,
  endedAt: at,
  outcome: 'succeeded',
  warnings: [],
  errors: [],
});

export async function runWizardStep(ctx: ConsoleContext, wizard: WizardState): Promise<void> {
  if (!wizard.steps[wizard.index] || wizard.running) return;
  showWizard(ctx, {...wizard, running: true});
  const run = wizard.drills ? await runOnDrill(ctx, wizard) : await runOnSession(ctx, wizard);
  // The wizard may have been closed while the line ran: the run stands, the screen does not come back.
  const now = wizardOf(ctx);
  if (!now) return;
  const after = {...now, chat: now.drill && now.mode === 'rehearsal' ? now.drill.state : null};
  showWizard(ctx, run ? recordRun(after, run) : {...after, running: false});
}
