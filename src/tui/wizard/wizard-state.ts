// The failover wizard's state: plain data, so whatever drives the steps (this console's session, or
// later a rehearsal on a scratch copy) can hold it. The steps come from the domain's procedures;
// each run of a step is kept with its start, end, outcome and warnings so a drill can record it.

import {procedureSteps, type ProcedureKind, type ProcedureStep} from '../../domain/procedures.js';
import type {PersistentChatPool} from '../../domain/types.js';

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
  readonly outcome: 'succeeded' | 'failed';
  readonly warnings: readonly Issue[];
  readonly errors: readonly Issue[];
}

export interface WizardState {
  readonly pool: string;
  /** null while the operator chooses one. */
  readonly procedure: ProcedureKind | null;
  /** The chooser's cursor. */
  readonly choice: number;
  readonly steps: readonly ProcedureStep[];
  /** The step on screen; steps.length once every step has run. */
  readonly index: number;
  readonly runs: readonly StepRun[];
  /** What the operator typed to confirm a high-impact step. */
  readonly typed: string;
  readonly typedError: string | null;
  readonly running: boolean;
}

/** The sensible procedure to offer first: back when the pool is failed over, else over. */
const suggested = (pool: PersistentChatPool): ProcedureKind =>
  pool.poolState === 'FailedOver' ? 'failback' : 'failover';

export const chooseWizard = (pool: PersistentChatPool): WizardState => ({
  pool: pool.fqdn,
  procedure: null,
  choice: PROCEDURES.indexOf(suggested(pool)),
  steps: [],
  index: 0,
  runs: [],
  typed: '',
  typedError: null,
  running: false,
});

export const startWizard = (pool: PersistentChatPool, procedure: ProcedureKind): WizardState => ({
  ...chooseWizard(pool),
  procedure,
  choice: PROCEDURES.indexOf(procedure),
  steps: procedureSteps(pool, procedure),
});

/** The last run of a step that succeeded, if any. */
export const succeededRun = (w: WizardState, index: number): StepRun | undefined =>
  w.runs.findLast((r) => r.index === index && r.outcome === 'succeeded');

export const lastRun = (w: WizardState, index: number): StepRun | undefined =>
  w.runs.findLast((r) => r.index === index);

/** Back one step, without undoing anything; null when the wizard should close. */
export const stepBack = (w: WizardState): WizardState | null => {
  if (w.procedure === null) return null;
  const index = Math.min(w.index, w.steps.length) - 1;
  if (index < 0) return null;
  return {...w, index, typed: '', typedError: null};
};

/** Records a run; a step that succeeded moves the wizard to the next one. */
export const recordRun = (w: WizardState, run: StepRun): WizardState => ({
  ...w,
  runs: [...w.runs, run],
  running: false,
  typed: '',
  typedError: null,
  index: run.outcome === 'succeeded' ? run.index + 1 : run.index,
});

/** From the first step's start to the last step's end. */
export const totalMs = (w: WizardState): number => {
  const first = w.runs[0];
  const last = w.runs[w.runs.length - 1];
  return first && last ? last.endedAt - first.startedAt : 0;
};

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
