// Runs a procedure's steps one by one through a Session, as a rehearsal on a scratch copy of the
// store or live, writing the drill record after every change so a drill cut short (a closed
// terminal, kill -9) resumes at the step it reached. The steps, checks and record are the domain's;
// this module only sequences them against a store.

import {catalog} from '../cmdlets/catalog.js';
import {
  endStep,
  finishDrill,
  newDrill,
  nextStepIndex,
  startStep,
  type DrillRecord,
  type DrillStep,
} from '../domain/drills.js';
import {isCmdletError, type Warning} from '../domain/errors.js';
import {NO_FAULTS, addFault} from '../domain/faults.js';
import {checkStep, procedureSteps, type ProcedureKind, type ProcedureStep} from '../domain/procedures.js';
import {defaultPool} from '../domain/topology.js';
import type {ChatState, PersistentChatPool} from '../domain/types.js';
import {procedureLine} from '../lang/procedure-line.js';
import {Session} from '../session.js';
import {
  copyStore,
  listDrillRecords,
  newDrillId,
  removeScratch,
  scratchDir,
  writeDrillRecord,
} from '../store/drill-records.js';
import {openStore, storeFiles} from '../store/file-store.js';
import {StoreError, type StorePort} from '../store/port.js';

export interface DrillOptions {
  readonly procedure: ProcedureKind;
  /** The pool's FQDN; the first pool of the topology when omitted. */
  readonly pool?: string | undefined;
  readonly live: boolean;
  /** Servers or data centres to mark down (rehearsals only). */
  readonly faults: readonly string[];
  /** Runs high-impact steps of a live drill without asking. */
  readonly yes: boolean;
  /** Continue the last unfinished drill of this pool and procedure instead of starting one. */
  readonly resume: boolean;
  readonly now?: () => Date;
  /** Called after every write of the record. */
  readonly onRecord?: (record: DrillRecord) => void;
}

export interface DrillRun {
  readonly record: DrillRecord;
  /** A live drill without --yes stops before this high-impact step, which has not started. */
  readonly needsYes: DrillStep | null;
  /** A drill resumed: the step (1-based position) it continued at. */
  readonly resumedAt: number | null;
}

/** The drill cannot start as asked: pchat's usage, not a failed step. */
export class DrillUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillUsageError';
  }
}

export async function runDrill(live: StorePort, options: DrillOptions): Promise<DrillRun> {
  const now = (): string => (options.now?.() ?? new Date()).toISOString();
  const files = storeFiles(live.dir);
  const save = (record: DrillRecord): DrillRecord => {
    writeDrillRecord(files, record);
    options.onRecord?.(record);
    return record;
  };
  const state = await live.read();
  const pool = drillPool(state, options.pool);
  const unfinished = listDrillRecords(files).filter(
    (d) => d.outcome === 'unfinished' && d.pool === pool.fqdn && d.procedure === options.procedure,
  );

  let record: DrillRecord;
  let resumedAt: number | null = null;
  if (options.resume) {
    const last = unfinished.at(-1);
    if (!last)
      throw new DrillUsageError(
        `There is no unfinished ${options.procedure} drill of ${pool.fqdn} to resume; run it without --resume.`,
      );
    if (options.faults.length > 0)
      throw new DrillUsageError('A resumed drill keeps the faults it started with; leave out --fault.');
    if (options.live !== (last.mode === 'live'))
      throw new DrillUsageError(
        `The unfinished drill ${last.id} is a ${last.mode === 'live' ? 'live drill: add' : 'rehearsal: leave out'} --live to resume it.`,
      );
    record = last;
    resumedAt = (nextStepIndex(last) ?? 0) + 1;
  } else {
    if (options.live && options.faults.length > 0)
      throw new DrillUsageError(
        'Faults are for rehearsals only: a live drill never marks servers down. Leave out --live.',
      );
    const faults = options.faults.reduce((f, name) => usage(() => addFault(state, f, name)), NO_FAULTS);
    for (const old of unfinished) {
      save(finishDrill(old, now(), 'abandoned'));
      removeScratch(files, old.id);
    }
    const id = newDrillId(options.procedure, new Date(now()));
    const steps = procedureSteps(pool, options.procedure, faults);
    if (!options.live)
      await live.commit(() => {
        // Under the store's lock, so the copy never holds half of a commit.
        copyStore(files, scratchDir(files, id));
        return {plan: null, result: null};
      });
    const session = await Session.open({store: live, readOnly: true, origin: 'drill'});
    record = save(
      newDrill(
        {
          id,
          procedure: options.procedure,
          pool: pool.fqdn,
          mode: options.live ? 'live' : 'rehearsal',
          faults,
          operator: session.user,
          startedAt: now(),
        },
        steps.map((s) => ({
          number: s.number,
          title: s.title,
          line: procedureLine(s, catalog),
          impact: s.impact,
        })),
      ),
    );
  }

  const target = record.mode === 'live' ? live : await openStore(scratchDir(files, record.id));
  try {
    // The audit log names the drill's operator, and says the entries came from a drill.
    const session = await Session.open({store: target, yes: true, origin: 'drill'});
    const steps = stepsOf(session.state, record);
    for (let index = nextStepIndex(record); index !== null; index = nextStepIndex(record)) {
      const step = steps[index] as ProcedureStep;
      const planned = record.steps[index] as DrillStep;
      if (record.mode === 'live' && step.impact === 'high' && !options.yes)
        return {record, needsYes: planned, resumedAt};
      record = save(startStep(record, index, now()));
      const check = checkStep(await session.reload(), step, record.faults);
      if (check.error) {
        record = save(endStep(record, index, now(), {warnings: [], error: errorOf(check.error)}));
        break;
      }
      const run = await session.run(planned.line);
      if (run.storeFailure)
        throw new StoreError(run.storeFailure.kind, run.storeFailure.message, run.storeFailure.path);
      const error = run.errors[0] ?? null;
      record = save(
        endStep(record, index, now(), {
          warnings: union(check.warnings, run.warnings),
          error: error ? errorOf(error) : null,
        }),
      );
    }
  } finally {
    if (target !== live) target.close();
  }
  if (record.outcome !== 'unfinished' && record.mode === 'rehearsal') removeScratch(files, record.id);
  return {record, needsYes: null, resumedAt};
}

/** The named pool, or the first of the topology (the demo's pc1.dc1.example.org). */
function drillPool(state: ChatState, fqdn: string | undefined): PersistentChatPool {
  if (fqdn !== undefined) return usage(() => defaultPool(state, fqdn, 'pool'));
  const first = state.topology.persistentChatPools[0];
  if (!first) throw new DrillUsageError('The topology has no Persistent Chat pool to drill.');
  return first;
}

/** The procedure's steps on the store the drill runs on; they must be the ones the record planned. */
function stepsOf(state: ChatState, record: DrillRecord): ProcedureStep[] {
  const pool = defaultPool(state, record.pool, 'pool');
  const steps = procedureSteps(pool, record.procedure, record.faults);
  const lines = steps.map((s) => procedureLine(s, catalog));
  if (lines.length !== record.steps.length || lines.some((line, i) => line !== record.steps[i]?.line))
    throw new DrillUsageError(
      `The steps of drill ${record.id} no longer match the topology of ${record.pool}; start a new drill without --resume.`,
    );
  return steps;
}

const errorOf = (error: {errorId: string; message: string}) => ({
  errorId: error.errorId,
  message: error.message,
});

const union = (a: readonly Warning[], b: readonly Warning[]): Warning[] => {
  const seen = new Set<string>();
  return [...a, ...b].filter((w) => {
    const key = `${w.warningId}\n${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

function usage<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (isCmdletError(error)) throw new DrillUsageError(error.message);
    throw error;
  }
}
