// A drill opened for running, step by step: its record, its steps on the store it runs on (the live
// store or the rehearsal's scratch copy) and the pool's drill lock, held until it is closed. The
// record is written after every change, so a drill cut short (a closed terminal, kill -9) resumes
// at the step it reached. `pchat drill` runs every step in turn; the console runs one per key.
// Where the records, the lock and the copies live is the store's (its DrillPort).

import os from 'node:os';
import {catalog} from '../cmdlets/catalog.js';
import {
  acknowledgeStep,
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
import {
  checkStep,
  procedureSteps,
  withActiveServers,
  type ProcedureKind,
  type ProcedureStep,
} from '../domain/procedures.js';
import {defaultPool} from '../domain/topology.js';
import type {ChatState, PersistentChatPool} from '../domain/types.js';
import {procedureLine} from '../lang/procedure-line.js';
import {Session} from '../session.js';
import {newDrillId} from '../store/drill-records.js';
import {isRefused, type DrillPort, type HeldDrillLock} from '../store/drill-port.js';
import {StoreError, type StorePort} from '../store/port.js';

export interface DrillStart {
  readonly procedure: ProcedureKind;
  /** The pool's FQDN; the first pool of the topology when omitted. */
  readonly pool?: string | undefined;
  readonly live: boolean;
  /** Servers or data centres to mark down (rehearsals only). */
  readonly faults: readonly string[];
  /** Continue the last unfinished drill of this pool and procedure instead of starting one. */
  readonly resume: boolean;
  /** The operator the drill's sessions act as; the OS user when omitted. */
  readonly user?: string;
  readonly now?: () => Date;
  /** Called after every write of the record. */
  readonly onRecord?: (record: DrillRecord) => void;
}

/** The drill cannot start as asked: pchat's usage, not a failed step. */
export class DrillUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillUsageError';
  }
}

/** The unfinished drills of a pool (any procedure), oldest first. */
export const unfinishedDrills = (live: StorePort, pool: string): DrillRecord[] =>
  drillsOf(live)
    .list()
    .filter((d) => d.outcome === 'unfinished' && d.pool.toLowerCase() === pool.toLowerCase());

function drillsOf(live: StorePort): DrillPort {
  if (!live.drillPort)
    throw new DrillUsageError('This store keeps no drills: run drills on a store on disk or on PostgreSQL.');
  return live.drillPort();
}

interface Parts {
  readonly live: StorePort;
  readonly drills: DrillPort;
  readonly lock: HeldDrillLock;
  readonly target: StorePort;
  readonly session: Session;
  readonly options: DrillStart;
}

export class OpenDrill {
  /** The procedure's steps on the store the drill runs on, in the record's order. */
  readonly steps: readonly ProcedureStep[];
  /** A drill resumed: the step (1-based position) it continued at. */
  readonly resumedAt: number | null;
  private readonly parts: Parts;
  private current: DrillRecord;
  private closed = false;

  private constructor(
    parts: Parts,
    record: DrillRecord,
    steps: readonly ProcedureStep[],
    resumedAt: number | null,
  ) {
    this.parts = parts;
    this.current = record;
    this.steps = steps;
    this.resumedAt = resumedAt;
  }

  static async open(live: StorePort, options: DrillStart): Promise<OpenDrill> {
    const drills = drillsOf(live);
    const now = (): string => (options.now?.() ?? new Date()).toISOString();
    const save = (record: DrillRecord): DrillRecord => {
      drills.write(record);
      options.onRecord?.(record);
      return record;
    };
    const state = await live.read();
    const pool = drillPool(state, options.pool);
    const user = options.user ?? drills.operator ?? os.userInfo().username;
    if (options.live && options.faults.length > 0)
      throw new DrillUsageError(
        'Faults are for rehearsals only: a live drill never marks servers down. Leave out --live.',
      );
    if (options.resume && options.faults.length > 0)
      throw new DrillUsageError('A resumed drill keeps the faults it started with; leave out --fault.');
    // Checked before the lock, so a drill refused for its usage leaves the store as it was.
    const faults = options.faults.reduce((f, name) => usage(() => addFault(state, f, name)), NO_FAULTS);
    const lock = await drills.lock(pool.fqdn, user);
    if (isRefused(lock)) throw new DrillUsageError(lock.refused);
    try {
      const unfinished = unfinishedDrills(live, pool.fqdn).filter((d) => d.procedure === options.procedure);
      let record: DrillRecord;
      let resumedAt: number | null = null;
      if (options.resume) {
        const last = unfinished.at(-1);
        if (!last)
          throw new DrillUsageError(
            `There is no unfinished ${options.procedure} drill of ${pool.fqdn} to resume; run it without --resume.`,
          );
        if (options.live !== (last.mode === 'live'))
          throw new DrillUsageError(
            `The unfinished drill ${last.id} is a ${last.mode === 'live' ? 'live drill: add' : 'rehearsal: leave out'} --live to resume it.`,
          );
        record = last;
        resumedAt = (nextStepIndex(last) ?? 0) + 1;
      } else {
        for (const old of unfinished) {
          save(finishDrill(old, now(), 'abandoned'));
          drills.removeRehearsal(old.id);
        }
        const id = newDrillId(options.procedure, new Date(now()));
        const steps = procedureSteps(pool, options.procedure, faults);
        if (!options.live) await drills.copyForRehearsal(id);
        record = save(
          newDrill(
            {
              id,
              procedure: options.procedure,
              pool: pool.fqdn,
              mode: options.live ? 'live' : 'rehearsal',
              faults,
              operator: user,
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
      const target = record.mode === 'live' ? live : await drills.openRehearsal(record.id);
      // The audit log names the drill's operator, and says the entries came from a drill.
      const session = await Session.open({store: target, yes: true, origin: 'drill', user});
      return new OpenDrill(
        {live, drills, lock, target, session, options},
        record,
        stepsOf(session.state, record),
        resumedAt,
      );
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  get record(): DrillRecord {
    return this.current;
  }

  /** The state the drill runs on, as of its last step. */
  get state(): ChatState {
    return this.parts.session.state;
  }

  /** The index of the step to run next, or null when the drill has ended. */
  next(): number | null {
    return nextStepIndex(this.current);
  }

  /**
   * Runs the step: its check first (a rehearsal's faults included), then its line. `servers`
   * replaces the proposed active servers of an active-server step. An acknowledgement step records
   * that the operator did its SQL work.
   */
  async runStep(index: number, options: {servers?: readonly string[]} = {}): Promise<DrillRecord> {
    const proposed = this.steps[index];
    if (!proposed || this.next() !== index) return this.current;
    const state = await this.parts.session.reload();
    const pool = defaultPool(state, this.current.pool, 'pool');
    const step = options.servers ? withActiveServers(pool, proposed, options.servers) : proposed;
    const line = options.servers ? procedureLine(step, catalog) : undefined;
    this.save(startStep(this.current, index, this.now(), line));
    const check = checkStep(state, step, this.current.faults);
    if (check.error)
      return this.save(endStep(this.current, index, this.now(), {warnings: [], error: errorOf(check.error)}));
    if (step.kind === 'acknowledge') return this.save(acknowledgeStep(this.current, index, this.now()));
    const run = await this.parts.session.run(this.current.steps[index]?.line ?? '');
    if (run.storeFailure)
      throw new StoreError(run.storeFailure.kind, run.storeFailure.message, run.storeFailure.path);
    const error = run.errors[0] ?? null;
    return this.save(
      endStep(this.current, index, this.now(), {
        warnings: union(check.warnings, run.warnings),
        error: error ? errorOf(error) : null,
      }),
    );
  }

  /** Releases the pool; a rehearsal that ended leaves no scratch copy behind. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const {live, drills, target, lock} = this.parts;
    if (target !== live) target.close();
    if (this.current.outcome !== 'unfinished' && this.current.mode === 'rehearsal')
      drills.removeRehearsal(this.current.id);
    lock.release();
  }

  private now(): string {
    return (this.parts.options.now?.() ?? new Date()).toISOString();
  }

  private save(record: DrillRecord): DrillRecord {
    this.parts.drills.write(record);
    this.current = record;
    this.parts.options.onRecord?.(record);
    return record;
  }
}

/** The named pool, or the first of the topology (the demo's pc1.dc1.example.org). */
function drillPool(state: ChatState, fqdn: string | undefined): PersistentChatPool {
  if (fqdn !== undefined) return usage(() => defaultPool(state, fqdn, 'pool'));
  const first = state.topology.persistentChatPools[0];
  if (!first) throw new DrillUsageError('The topology has no Persistent Chat pool to drill.');
  return first;
}

/**
 * The procedure's steps on the store the drill runs on; they must be the ones the record planned.
 * An active-server step may differ in its list: the operator may have edited it.
 */
function stepsOf(state: ChatState, record: DrillRecord): ProcedureStep[] {
  const pool = defaultPool(state, record.pool, 'pool');
  const steps = procedureSteps(pool, record.procedure, record.faults);
  const same = (step: ProcedureStep, planned: DrillStep | undefined): boolean =>
    planned !== undefined &&
    step.number === planned.number &&
    (step.action.kind === 'activeServers' || procedureLine(step, catalog) === planned.line);
  if (steps.length !== record.steps.length || steps.some((s, i) => !same(s, record.steps[i])))
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
