// The wizard's keys, declared once per screen with their footer hints: the chooser, then the steps.
// Enter runs the step on screen (after the pool's name is typed for a high-impact one), Esc goes
// back a step without undoing anything, and nothing is written before a step is confirmed.

import {checkStep} from '../../domain/procedures.js';
import type {ConsoleContext} from '../console-context.js';
import type {DialogKeys} from '../input/dialog-keys.js';
import {scrollKeys} from '../input/scroll-keys.js';
import {typedEditKeys, typedTyping} from '../input/typed-keys.js';
import {runWizardStep, showWizard} from './wizard-run.js';
import {PROCEDURES, startWizard, stepBack, succeededRun, type WizardState} from './wizard-state.js';

export function closeWizard(ctx: ConsoleContext, wizard: WizardState): void {
  ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
  const ran = wizard.runs.filter((r) => r.outcome === 'succeeded').length;
  ctx.say(
    'info',
    ran === 0
      ? 'Wizard closed; nothing was changed.'
      : `Wizard closed; the ${ran} ${ran === 1 ? 'step' : 'steps'} already run stay done.`,
  );
}

const moveChoice = (delta: 1 | -1) => (ctx: ConsoleContext, w: WizardState) =>
  showWizard(ctx, {...w, choice: (w.choice + delta + PROCEDURES.length) % PROCEDURES.length});

export const WIZARD_CHOOSER_KEYS: DialogKeys<WizardState> = {
  keys: [
    {keys: ['up', 'k'], hint: {keys: '↑↓', label: 'choose'}, run: moveChoice(-1)},
    {keys: ['down', 'j'], run: moveChoice(1)},
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'start'},
      run(ctx, w) {
        const pool = ctx.ui.chat.topology.persistentChatPools.find((p) => p.fqdn === w.pool);
        const procedure = PROCEDURES[w.choice];
        if (pool && procedure) showWizard(ctx, startWizard(pool, procedure));
      },
    },
    {keys: ['esc', 'ctrl-c'], hint: {keys: 'Esc', label: 'close'}, run: closeWizard},
  ],
};

const editTyped = (ctx: ConsoleContext, w: WizardState, typed: string) => {
  const step = w.steps[w.index];
  // Only a high-impact step not yet run takes text.
  if (step?.impact === 'high' && !succeededRun(w, w.index) && !w.running)
    showWizard(ctx, {...w, typed, typedError: null});
};

function enter(ctx: ConsoleContext, w: WizardState): void {
  if (w.running) return;
  const step = w.steps[w.index];
  if (!step) return;
  if (succeededRun(w, w.index))
    return showWizard(ctx, {...w, index: w.index + 1, typed: '', typedError: null});
  const check = checkStep(ctx.ui.chat, step);
  if (check.error) return ctx.say('warn', `Step ${w.index + 1} cannot run: ${check.error.message}`);
  if (step.impact === 'high' && w.typed !== w.pool)
    return showWizard(ctx, {...w, typedError: `Type ${w.pool} exactly to run this step, or Esc to go back.`});
  void ctx.track(runWizardStep(ctx, w));
}

function back(ctx: ConsoleContext, w: WizardState): void {
  if (w.running) return;
  const previous = stepBack(w);
  if (previous) showWizard(ctx, previous);
  else closeWizard(ctx, w);
}

export const WIZARD_STEP_KEYS: DialogKeys<WizardState> = {
  keys: [
    {keys: ['enter'], hint: {keys: 'Enter', label: 'run step / next'}, run: enter},
    {keys: ['esc'], hint: {keys: 'Esc', label: 'back a step'}, run: back},
    {keys: ['ctrl-c'], hint: {keys: 'Ctrl-C', label: 'close'}, run: closeWizard},
    ...scrollKeys<WizardState>(),
    ...typedEditKeys<WizardState>((w) => w.typed, editTyped),
  ],
  typing: typedTyping<WizardState>((w) => w.typed, editTyped),
};

export const WIZARD_DONE_KEYS: DialogKeys<WizardState> = {
  keys: [
    {keys: ['enter', 'esc', 'ctrl-c'], hint: {keys: 'Enter/Esc', label: 'close'}, run: closeWizard},
    ...scrollKeys<WizardState>(),
  ],
};

/** The key table of the wizard's screen: the chooser, a step, or the summary. */
export const wizardKeys = (w: WizardState): DialogKeys<WizardState> =>
  w.procedure === null
    ? WIZARD_CHOOSER_KEYS
    : w.index >= w.steps.length
      ? WIZARD_DONE_KEYS
      : WIZARD_STEP_KEYS;
