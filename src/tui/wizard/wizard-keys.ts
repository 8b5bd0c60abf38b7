// The wizard's keys, declared once per screen with their footer hints: the first screen, then the
// steps. Enter runs the step on screen (after the pool's name is typed for a high-impact one),
// Esc goes back a step without undoing anything, and nothing is written before a step is confirmed.

import {addFault, NO_FAULTS} from '../../domain/faults.js';
import {checkStep, editableServers} from '../../domain/procedures.js';
import type {PersistentChatPool} from '../../domain/types.js';
import type {ConsoleContext} from '../console-context.js';
import type {DialogKeys} from '../input/dialog-keys.js';
import {scrollKeys} from '../input/scroll-keys.js';
import {typedEditKeys, typedTyping} from '../input/typed-keys.js';
import {runsOf, runWizardStep, showWizard, stepToRun} from './wizard-run.js';
import {PROCEDURES, startWizard, stepBack, succeededRun, type WizardState} from './wizard-state.js';

export function closeWizard(ctx: ConsoleContext, wizard: WizardState): void {
  ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
  // The drill's record stays as it is: an unfinished one is offered again on this pool.
  wizard.drill?.close();
  const ran = wizard.runs.filter((r) => r.outcome !== 'failed').length;
  ctx.say(
    'info',
    ran === 0
      ? 'Wizard closed; nothing was changed.'
      : `Wizard closed; the ${ran} ${ran === 1 ? 'step' : 'steps'} already run stay done.`,
  );
}

const poolOf = (ctx: ConsoleContext, w: WizardState): PersistentChatPool | undefined =>
  (w.chat ?? ctx.ui.chat).topology.persistentChatPools.find((p) => p.fqdn === w.pool);

const moveChoice = (delta: 1 | -1) => (ctx: ConsoleContext, w: WizardState) =>
  showWizard(ctx, {...w, choice: (w.choice + delta + PROCEDURES.length) % PROCEDURES.length});

/** What a rehearsal may mark down: the pool's data centres, then its servers, one at a time. */
export const faultChoices = (pool: PersistentChatPool): string[] => {
  const stores = Object.values(pool.stores).filter((s) => typeof s === 'object' && s !== null);
  const dataCenters = [
    ...new Set([
      ...pool.servers.flatMap((s) => (s.dataCenter ? [s.dataCenter] : [])),
      ...stores.flatMap((s) => (s.dataCenter ? [s.dataCenter] : [])),
    ]),
  ];
  return [...dataCenters, ...pool.servers.map((s) => s.fqdn)];
};

function nextFault(ctx: ConsoleContext, w: WizardState): void {
  const pool = poolOf(ctx, w);
  if (!pool || w.mode !== 'rehearsal' || !w.drills) return;
  const choices = faultChoices(pool);
  const at = w.faultNames.length === 0 ? -1 : choices.indexOf(w.faultNames[0] ?? '');
  const name = choices[at + 1];
  const faultNames = name === undefined ? [] : [name];
  const faults = faultNames.reduce((f, n) => addFault(ctx.ui.chat, f, n), NO_FAULTS);
  showWizard(ctx, {...w, faultNames, faults});
}

function toggleMode(ctx: ConsoleContext, w: WizardState): void {
  if (!w.drills) return;
  const mode = w.mode === 'rehearsal' ? 'live' : 'rehearsal';
  // A live drill never marks servers down.
  showWizard(ctx, {...w, mode, ...(mode === 'live' ? {faultNames: [], faults: NO_FAULTS} : {})});
}

async function resume(ctx: ConsoleContext, w: WizardState): Promise<void> {
  const unfinished = w.unfinished;
  if (!unfinished || !ctx.drills) return;
  try {
    const drill = await ctx.drills.open({
      procedure: unfinished.procedure,
      pool: unfinished.pool,
      live: unfinished.mode === 'live',
      faults: [],
      resume: true,
      user: ctx.user,
      now: () => new Date(ctx.now()),
    });
    const record = drill.record;
    showWizard(ctx, {
      ...w,
      procedure: record.procedure,
      choice: PROCEDURES.indexOf(record.procedure),
      mode: record.mode,
      faultNames: [...record.faults.dataCenters, ...record.faults.servers],
      faults: record.faults,
      unfinished: null,
      steps: drill.steps,
      index: drill.next() ?? drill.steps.length,
      runs: runsOf(record.steps),
      drill,
      chat: record.mode === 'rehearsal' ? drill.state : null,
    });
    ctx.say(
      'info',
      `Resuming drill ${record.id} at step ${(drill.next() ?? 0) + 1} of ${drill.steps.length}.`,
    );
  } catch (error) {
    ctx.say('error', error instanceof Error ? error.message : String(error));
  }
}

const chooserKeys = (drills: 'none' | 'drills' | 'resume'): DialogKeys<WizardState> => ({
  keys: [
    {keys: ['up', 'k'], hint: {keys: '↑↓', label: 'choose'}, run: moveChoice(-1)},
    {keys: ['down', 'j'], run: moveChoice(1)},
    ...(drills === 'none'
      ? []
      : [
          {keys: ['tab'], hint: {keys: 'Tab', label: 'rehearsal/live'}, run: toggleMode},
          {keys: ['f'], hint: {keys: 'f', label: 'mark down'}, run: nextFault},
        ]),
    ...(drills === 'resume'
      ? [
          {
            keys: ['r'],
            hint: {keys: 'r', label: 'resume'},
            run: (ctx: ConsoleContext, w: WizardState) => void ctx.track(resume(ctx, w)),
          },
        ]
      : []),
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'start'},
      run(ctx, w) {
        const pool = poolOf(ctx, w);
        if (pool) showWizard(ctx, startWizard(w, pool));
      },
    },
    {keys: ['esc', 'ctrl-c'], hint: {keys: 'Esc', label: 'close'}, run: closeWizard},
  ],
});

export const WIZARD_CHOOSER_KEYS = chooserKeys('none');
const DRILL_CHOOSER_KEYS = chooserKeys('drills');
const RESUME_CHOOSER_KEYS = chooserKeys('resume');

const editTyped = (ctx: ConsoleContext, w: WizardState, typed: string) => {
  const step = w.steps[w.index];
  // Only a high-impact step not yet run takes text.
  if (step?.impact === 'high' && !succeededRun(w, w.index) && !w.running)
    showWizard(ctx, {...w, typed, typedError: null});
};

function enter(ctx: ConsoleContext, w: WizardState): void {
  if (w.running) return;
  const step = stepToRun(ctx, w);
  if (!step) return;
  if (succeededRun(w, w.index))
    return showWizard(ctx, {...w, index: w.index + 1, typed: '', typedError: null});
  const check = checkStep(w.chat ?? ctx.ui.chat, step, w.faults);
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

/** The servers the active-server step on screen would make active, as the operator left them. */
export const chosenServers = (ctx: ConsoleContext, w: WizardState): readonly string[] | null => {
  const step = w.steps[w.index];
  if (!step || succeededRun(w, w.index)) return null;
  return w.servers ?? editableServers(step);
};

const moveServer = (delta: 1 | -1) => (ctx: ConsoleContext, w: WizardState) => {
  const pool = poolOf(ctx, w);
  if (!pool || chosenServers(ctx, w) === null || w.running) return;
  const count = pool.servers.length;
  showWizard(ctx, {...w, serverCursor: (w.serverCursor + delta + count) % count});
};

function toggleServer(ctx: ConsoleContext, w: WizardState): void {
  const pool = poolOf(ctx, w);
  const chosen = chosenServers(ctx, w);
  const fqdn = pool?.servers[w.serverCursor]?.fqdn;
  if (!pool || chosen === null || !fqdn || w.running) return;
  const next = chosen.includes(fqdn) ? chosen.filter((s) => s !== fqdn) : [...chosen, fqdn];
  // In the pool's server order, as the proposal is.
  const servers = pool.servers.map((s) => s.fqdn).filter((s) => next.includes(s));
  showWizard(ctx, {...w, servers, typedError: null});
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

/** An active-server step: Tab moves among the pool's servers and Space turns one on or off. */
export const WIZARD_SERVERS_KEYS: DialogKeys<WizardState> = {
  keys: [
    ...WIZARD_STEP_KEYS.keys.slice(0, 3),
    {keys: ['tab'], hint: {keys: 'Tab', label: 'next server'}, run: moveServer(1)},
    {keys: ['shift-tab'], run: moveServer(-1)},
    {keys: ['space'], hint: {keys: 'Space', label: 'active on/off'}, run: toggleServer},
    ...WIZARD_STEP_KEYS.keys.slice(3),
  ],
  typing: typedTyping<WizardState>((w) => w.typed, editTyped),
};

export const WIZARD_DONE_KEYS: DialogKeys<WizardState> = {
  keys: [
    {keys: ['enter', 'esc', 'ctrl-c'], hint: {keys: 'Enter/Esc', label: 'close'}, run: closeWizard},
    ...scrollKeys<WizardState>(),
  ],
};

/** The key table of the wizard's screen: the first screen, a step, or the summary. */
export const wizardKeys = (w: WizardState): DialogKeys<WizardState> => {
  if (w.procedure === null)
    return !w.drills ? WIZARD_CHOOSER_KEYS : w.unfinished ? RESUME_CHOOSER_KEYS : DRILL_CHOOSER_KEYS;
  const step = w.steps[w.index];
  if (!step) return WIZARD_DONE_KEYS;
  return editableServers(step) !== null && !succeededRun(w, w.index) ? WIZARD_SERVERS_KEYS : WIZARD_STEP_KEYS;
};
