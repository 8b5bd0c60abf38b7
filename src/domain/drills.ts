// A drill: one run of a procedure (procedures.ts), as a rehearsal on a scratch copy of the store or
// live, with each step's times, outcome, warnings and error. The record is rewritten after every
// change, so an interrupted drill resumes at the step it reached. These are the pure transitions.

import type {Faults} from './faults.js';
import type {ProcedureKind} from './procedures.js';
import type {Warning} from './errors.js';

export type DrillMode = 'rehearsal' | 'live';
/** acknowledged: an SQL-side step with no command, which the operator confirmed having done. */
export type DrillStepOutcome = 'pending' | 'running' | 'ok' | 'acknowledged' | 'failed' | 'skipped';
/** unfinished: may resume; abandoned: a newer drill of the same pool and procedure replaced it. */
export type DrillOutcome = 'unfinished' | 'succeeded' | 'failed' | 'abandoned';

export interface DrillError {
  readonly errorId: string;
  readonly message: string;
}

export interface DrillStep {
  readonly number: number;
  readonly title: string;
  /** The command line the step runs, as the session and the audit log see it. */
  readonly line: string;
  readonly impact: 'normal' | 'high';
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly outcome: DrillStepOutcome;
  readonly warnings: readonly Warning[];
  readonly error: DrillError | null;
}

export interface DrillRecord {
  readonly id: string;
  readonly procedure: ProcedureKind;
  readonly pool: string;
  readonly mode: DrillMode;
  readonly faults: Faults;
  readonly operator: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly outcome: DrillOutcome;
  readonly steps: readonly DrillStep[];
}

export interface PlannedStep {
  readonly number: number;
  readonly title: string;
  readonly line: string;
  readonly impact: 'normal' | 'high';
}

export const newDrill = (
  facts: Omit<DrillRecord, 'endedAt' | 'outcome' | 'steps'>,
  steps: readonly PlannedStep[],
): DrillRecord => ({
  ...facts,
  endedAt: null,
  outcome: 'unfinished',
  steps: steps.map((s) => ({
    ...s,
    startedAt: null,
    endedAt: null,
    outcome: 'pending',
    warnings: [],
    error: null,
  })),
});

/** The index of the step to run next (the one running when the drill was cut short), or null when none is left. */
export const nextStepIndex = (drill: DrillRecord): number | null => {
  if (drill.outcome !== 'unfinished') return null;
  const index = drill.steps.findIndex((s) => s.outcome === 'pending' || s.outcome === 'running');
  return index === -1 ? null : index;
};

const updateStep = (drill: DrillRecord, index: number, change: Partial<DrillStep>): DrillRecord => ({
  ...drill,
  steps: drill.steps.map((s, i) => (i === index ? {...s, ...change} : s)),
});

/**
 * A resumed step starts again: its earlier start is kept, so its time counts the interruption.
 * `line`: the line it runs when the operator changed it (an edited active-server list).
 */
export const startStep = (drill: DrillRecord, index: number, at: string, line?: string): DrillRecord =>
  updateStep(drill, index, {
    startedAt: drill.steps[index]?.startedAt ?? at,
    outcome: 'running',
    ...(line === undefined ? {} : {line}),
  });

/** An acknowledgement step: the operator confirmed the SQL work at `at`. */
export const acknowledgeStep = (drill: DrillRecord, index: number, at: string): DrillRecord => {
  const ended = updateStep(drill, index, {endedAt: at, outcome: 'acknowledged', warnings: [], error: null});
  return nextStepIndex(ended) === null ? finishDrill(ended, at) : ended;
};

export const endStep = (
  drill: DrillRecord,
  index: number,
  at: string,
  result: {warnings: readonly Warning[]; error: DrillError | null},
): DrillRecord => {
  const ended = updateStep(drill, index, {
    endedAt: at,
    outcome: result.error ? 'failed' : 'ok',
    warnings: result.warnings,
    error: result.error,
  });
  if (result.error) return finishDrill(ended, at);
  return nextStepIndex(ended) === null ? finishDrill(ended, at) : ended;
};

/** Ends the drill: the steps not run are skipped; it failed when any step failed. */
export const finishDrill = (drill: DrillRecord, at: string, outcome?: DrillOutcome): DrillRecord => ({
  ...drill,
  endedAt: at,
  outcome: outcome ?? (drill.steps.some((s) => s.outcome === 'failed') ? 'failed' : 'succeeded'),
  steps: drill.steps.map((s) =>
    s.outcome === 'pending' || s.outcome === 'running' ? {...s, outcome: 'skipped'} : s,
  ),
});

export const secondsBetween = (from: string | null, to: string | null): number | null =>
  from === null || to === null ? null : Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

export const drillSeconds = (drill: DrillRecord): number | null =>
  secondsBetween(drill.startedAt, drill.endedAt);

/** The step that failed, for the report's first line and the exit status. */
export const failedStep = (drill: DrillRecord): DrillStep | null =>
  drill.steps.find((s) => s.outcome === 'failed') ?? null;
