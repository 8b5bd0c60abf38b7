// The failover wizard's state. The steps come from the domain's procedures; each run of a step is
// kept with its start, end, outcome and warnings. With the store's drills (the console on a store
// on disk) the wizard runs a drill, a rehearsal on a scratch copy or live, and holds it open here
// until it closes; without them (a store in memory) it runs the lines on the console's session.

import type {DrillMode, DrillRecord} from '../../domain/drills.js';
import {NO_FAULTS, type Faults} from '../../domain/faults.js';
import {procedureSteps, type ProcedureKind, type ProcedureStep} from '../../domain/procedures.js';
import type {ChatState, PersistentChatPool} from '../../domain/types.js';
import type {ConsoleDrill} from '../session-port.js';

export const PROCEDURES: readonly ProcedureKind[] = ['failover', 'failback', 'swap'];

export const PROCEDURE_TITLES: Readonly<Record<ProcedureKind, string>> = {
  failover: 'Fail over',
  failback: 'Fail back',
  swap: 'Swap the active servers',
};

export interface Issue {
  readonly id: string;
  readonly message: string;
}

/** One run of one step. */
export interface StepRun {
  /** Index into the wizard's steps. */
  readonly index: number;
  readonly line: string;
  readonly startedAt: number;
  readonly endedAt: number;
  /** acknowledged: the operator confirmed the SQL work of an acknowledgement step. */
  readonly outcome: 'succeeded' | 'acknowledged' | 'failed';
  readonly warnings: readonly Issue[];
  readonly errors: readonly Issue[];
}

export interface WizardState {
  readonly pool: string;
  /** null while the operator chooses one. */
  readonly procedure: ProcedureKind | null;
  /** The chooser's cursor. */
  readonly choice: number;
  /** The store keeps drills: the wizard can rehearse, and records what it runs. */
  readonly drills: boolean;
  readonly mode: DrillMode;
  /** Down in a rehearsal's copy: the names as the operator chose them, and as the checks read them. */
  readonly faultNames: readonly string[];
  readonly faults: Faults;
  /** The pool's unfinished drill, offered on the first screen for resumption. */
  readonly unfinished: DrillRecord | null;
  readonly steps: readonly ProcedureStep[];
  /** The step on screen; steps.length once every step has run. */
  readonly index: number;
  readonly runs: readonly StepRun[];
  /** What the operator typed to confirm a high-impact step. */
  readonly typed: string;
  readonly typedError: string | null;
  readonly running: boolean;
  /** The drill this wizard runs, open from its first step until the wizard closes. */
  readonly drill: ConsoleDrill | null;
  /** The state the drill runs on after its last step (a rehearsal's copy); null: the console's. */
  readonly chat: ChatState | null;
  /** The active servers the operator chose for the step on screen; null: the proposed ones. */
  readonly servers: readonly string[] | null;
  /** The server under the cursor of an active-server step. */
  readonly serverCursor: number;
}

/** The sensible procedure to offer first: back when the pool is failed over, else over. */
const suggested = (pool: PersistentChatPool): ProcedureKind =>
  pool.poolState === 'FailedOver' ? 'failback' : 'failover';

/** The first screen. `drills`: the store keeps drills (a rehearsal is then the default). */
export const chooseWizard = (
  pool: PersistentChatPool,
  procedure: ProcedureKind = suggested(pool),
  drills: {unfinished: (pool: string) => DrillRecord | null} | null = null,
): WizardState => ({
  pool: pool.fqdn,
  procedure: null,
  choice: PROCEDURES.indexOf(procedure),
  drills: drills !== null,
  mode: drills ? 'rehearsal' : 'live',
  faultNames: [],
  faults: NO_FAULTS,
  unfinished: drills?.unfinished(pool.fqdn) ?? null,
  steps: [],
  index: 0,
  runs: [],
  typed: '',
  typedError: null,
  running: false,
  drill: null,
  chat: null,
  servers: null,
  serverCursor: 0,
});

/** From the first screen to step 1 of the chosen procedure, in the chosen mode and faults. */
export const startWizard = (w: WizardState, pool: PersistentChatPool): WizardState => {
  const procedure = PROCEDURES[w.choice] ?? 'failover';
  return {...w, procedure, steps: procedureSteps(pool, procedure, w.faults), index: 0, unfinished: null};
};

/** The last run of a step that succeeded (or was acknowledged), if any. */
export const succeededRun = (w: WizardState, index: number): StepRun | undefined =>
  w.runs.findLast((r) => r.index === index && r.outcome !== 'failed');

export const lastRun = (w: WizardState, index: number): StepRun | undefined =>
  w.runs.findLast((r) => r.index === index);

/** Back one step, without undoing anything; null when the wizard should go to its first screen. */
export const stepBack = (w: WizardState): WizardState | null => {
  if (w.procedure === null) return null;
  const index = Math.min(w.index, w.steps.length) - 1;
  if (index < 0) return null;
  return {...w, index, typed: '', typedError: null, servers: null, serverCursor: 0};
};

/** Records a run; a step that succeeded moves the wizard to the next one. */
export const recordRun = (w: WizardState, run: StepRun): WizardState => ({
  ...w,
  runs: [...w.runs, run],
  running: false,
  typed: '',
  typedError: null,
  servers: run.outcome === 'failed' ? w.servers : null,
  serverCursor: 0,
  index: run.outcome === 'failed' ? run.index : run.index + 1,
});

/** From the first step's start to the last step's end. */
export const totalMs = (w: WizardState): number => {
  const first = w.runs[0];
  const last = w.runs[w.runs.length - 1];
  return first && last ? last.endedAt - first.startedAt : 0;
};

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
