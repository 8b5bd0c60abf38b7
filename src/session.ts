// The one imperative shell: read the state, evaluate a line, ask for confirmations,
// commit through the store, return the result. The command line and the console both use it.

import os from 'node:os';
import {randomUUID} from 'node:crypto';
import type {ChatState, CommandOrigin, Operator, Role} from './domain/types.js';
import type {BackupInfo, Effect, Ports} from './domain/ports.js';
import type {CmdletError} from './domain/errors.js';
import {CmdletError as CmdletErrorClass} from './domain/errors.js';
import {primaryRole, rolesOf} from './domain/rbac.js';
import type {Value} from './cmdlets/types.js';
import {catalog, findCmdlet} from './cmdlets/catalog.js';
import type {Confirmer, LineResult, Prompt} from './lang/api.js';
import {evaluateLine} from './lang/evaluate.js';
import {splitScript} from './lang/script.js';
import {StoreError, type Rescue, type StoreErrorCode, type StorePort} from './store/port.js';

/** Asks the operator; answers by prompt id. */
export type Asker = (prompts: readonly Prompt[]) => Promise<ReadonlyMap<string, boolean>>;

export interface SessionOptions {
  readonly store: StorePort;
  /** Where the lines come from; every audit entry records it. */
  readonly origin: CommandOrigin;
  /** For embedding and tests; the command line always uses the OS user. */
  readonly user?: string;
  readonly uid?: number | null;
  readonly readOnly?: boolean;
  /** `pchat exec --yes`: every prompt is answered yes. */
  readonly yes?: boolean;
  /** Present when there is a person to ask; without it a prompt fails with ConfirmationRequired. */
  readonly ask?: Asker;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /**
   * Open a store whose state.json cannot be read on its rescue stand-in, so that its backups can be
   * listed and restored (every other line still fails with the store's error).
   */
  readonly rescue?: boolean;
}

export interface RunOptions {
  /**
   * Checked against the fresh state under the lock before the line runs: an edit prepared on an
   * older view returns a Conflict error here and nothing is written.
   */
  readonly expect?: (fresh: ChatState) => CmdletError | null;
  /** Leave the commit unflushed until `flush` (group commit of a script: cli/run-exec.ts). */
  readonly deferFlush?: boolean;
}

/** The store could not be used (locked, damaged, unsafe permissions, an I/O error): nothing was written. */
export interface StoreFailure {
  readonly kind: StoreErrorCode;
  /** Says what happened and what to do. */
  readonly message: string;
  readonly path: string;
}

export interface LineRun extends LineResult {
  readonly ok: boolean;
  readonly committed: boolean;
  readonly revision: number;
  /** Set when the line could not run because of the store; every other failure is an error of the line. */
  readonly storeFailure: StoreFailure | null;
  /** The backups the line's commit made: a removal's says how to undo it. */
  readonly backups: readonly BackupInfo[];
}

/** The store failure an exception stands for, or null when it is anything else (a bug). */
export const storeFailureOf = (error: unknown): StoreFailure | null =>
  error instanceof StoreError ? {kind: error.code, message: error.message, path: error.path} : null;

const RESCUE_CMDLETS = new Set(['Get-PcBackup', 'Restore-PcBackup']);

const CONFIRMATION_REQUIRED =
  'This needs confirmation and there is no terminal to ask. Add -Confirm:$false (or -Force where the cmdlet has it), or run pchat exec --yes.';

export class Session {
  readonly store: StorePort;
  readonly user: string;
  readonly uid: number | null;
  readonly readOnly: boolean;
  readonly origin: CommandOrigin;
  readonly variables = new Map<string, Value>();
  private readonly options: SessionOptions;
  private latest: ChatState;

  private constructor(options: SessionOptions, state: ChatState) {
    this.options = options;
    this.store = options.store;
    const info = os.userInfo();
    this.user = options.user ?? info.username;
    this.uid = options.uid === undefined ? info.uid : options.uid;
    this.readOnly = options.readOnly ?? false;
    this.origin = options.origin;
    this.latest = state;
  }

  static async open(options: SessionOptions): Promise<Session> {
    try {
      return new Session(options, await options.store.read());
    } catch (error) {
      const failure = storeFailureOf(error);
      const unreadable = failure?.kind === 'StoreDamaged' || failure?.kind === 'StoreTooLarge';
      const rescue = options.rescue && unreadable ? await options.store.rescue?.() : null;
      if (!rescue) throw error;
      return new Session(options, rescue.state);
    }
  }

  /** The state as of the last read or commit. */
  get state(): ChatState {
    return this.latest;
  }

  get roles(): readonly Role[] {
    return rolesOf(this.latest.operators, this.user);
  }

  get role(): Role | 'None' {
    return primaryRole(this.roles);
  }

  /** Makes the commits of lines run with deferFlush durable. */
  async flush(): Promise<void> {
    await this.store.flush?.();
  }

  async reload(): Promise<ChatState> {
    this.latest = await this.store.read();
    return this.latest;
  }

  /**
   * Runs every line of a script in order; a failing line does not stop the next, but a store that
   * cannot be used does: its StoreError is thrown, as opening the store would have.
   */
  async runScript(text: string): Promise<LineRun[]> {
    const runs: LineRun[] = [];
    for (const line of splitScript(text)) {
      const run = await this.run(line);
      const failure = run.storeFailure;
      if (failure) throw new StoreError(failure.kind, failure.message, failure.path);
      runs.push(run);
    }
    return runs;
  }

  /**
   * Runs one line. A store that cannot be used comes back as the run's storeFailure, with nothing
   * written; any other exception is a bug and is thrown.
   */
  async run(line: string, options: RunOptions = {}): Promise<LineRun> {
    try {
      return await this.runLine(line, options);
    } catch (error) {
      const failure = storeFailureOf(error);
      if (!failure) throw error;
      const rescued = await this.runRescue(line, options, failure);
      return rescued ?? {...this.failed(line, this.latest, null), storeFailure: failure};
    }
  }

  /**
   * A store whose state.json cannot be read still lists and restores its backups: a line made only
   * of Get-PcBackup, Restore-PcBackup and the language's own commands runs on the store's rescue
   * stand-in. Null for any other line, which keeps the store failure.
   */
  private async runRescue(line: string, options: RunOptions, failure: StoreFailure): Promise<LineRun | null> {
    if (failure.kind !== 'StoreDamaged' && failure.kind !== 'StoreTooLarge') return null;
    let rescue: Rescue | null;
    try {
      rescue = (await this.store.rescue?.()) ?? null;
    } catch {
      return null;
    }
    if (!rescue) return null;
    const probe = this.evaluate(line, rescue.state, () => true, this.replayableIds()());
    if (!probe.cmdlets.every((name) => RESCUE_CMDLETS.has(name) || !findCmdlet(name))) return null;
    const standIn = rescue.state;
    this.latest = standIn;
    try {
      return await this.runLine(line, options, {
        read: async () => (await this.store.rescue?.())?.state ?? this.store.read(),
        commit: rescue.commit,
      });
    } catch (error) {
      const again = storeFailureOf(error);
      if (!again) throw error;
      return {...this.failed(line, standIn, null), storeFailure: again};
    }
  }

  private async runLine(
    line: string,
    options: RunOptions,
    access: Pick<StorePort, 'read' | 'commit'> = this.store,
  ): Promise<LineRun> {
    this.latest = await access.read();
    const fresh = this.latest;
    const conflict = options.expect?.(fresh) ?? null;
    if (conflict) return this.failed(line, fresh, conflict);

    // Every evaluation of this line draws the same ids, so a prompt's target (a new endpoint's
    // GUID, say) is the same when it is asked and when the line is committed.
    const ids = this.replayableIds();
    // Each evaluation of the line starts from the variables it found: `$n += 1` adds one, however
    // many times the line is evaluated.
    const found = new Map(this.variables);
    const fromFound = (): void => {
      this.variables.clear();
      for (const [name, value] of found) this.variables.set(name, value);
    };
    // Plan without the lock: prompts are asked here, never while the lock is held.
    let answers: ReadonlyMap<string, boolean> | null = null;
    let planned = this.evaluate(line, fresh, this.planningConfirmer(), ids());
    if (planned.prompts.length > 0 && this.options.ask && !this.options.yes) {
      answers = await this.options.ask(planned.prompts);
      fromFound();
      planned = this.evaluate(line, fresh, answeredConfirmer(answers), ids());
    }
    if (!changes(planned, fresh))
      return {
        ...planned,
        ok: planned.errors.length === 0,
        committed: false,
        revision: fresh.revision,
        storeFailure: null,
        backups: [],
      };

    const confirm = answers ? answeredConfirmer(answers) : this.planningConfirmer();
    const outcome = await access.commit(
      (state, ports) => {
        const stale = options.expect?.(state) ?? null;
        if (stale) return {plan: null, result: this.failed(line, state, stale)};
        // On the very state planned on (nobody committed meanwhile) the same line, ids and answers give
        // the same state: a line that changes only the state is evaluated again only on a state that
        // moved. Effects are prepared again under the lock: they may name files (an import's staged
        // archive) that the lock's sweep of temp files removes; but an import whose staged files are
        // still the ones its plan checked is kept as planned, rather than inflated and checked again.
        let result = planned;
        if (state !== fresh || (planned.effects.length > 0 && !keepsStagedFiles(planned.effects, ports))) {
          fromFound();
          result = this.evaluate(line, state, confirm, ids(), ports);
        }
        if (!changes(result, state)) return {plan: null, result};
        return {
          plan: {
            state: result.state,
            effects: result.effects,
            audit: {
              operator: this.user,
              uid: this.uid,
              role: this.role,
              command: line,
              targets: result.targets,
              result: result.errors.length === 0 ? 'Success' : 'PartialFailure',
              errors: result.errors.map((e) => e.errorId),
              source: process.env['SSH_CONNECTION'] ?? null,
              warnings: result.warnings.map((w) => w.warningId),
              via: this.origin,
            },
          },
          result,
        };
      },
      options.deferFlush ? {deferFlush: true} : undefined,
    );
    const result = outcome.result;
    const run = {
      ...result,
      ok: result.errors.length === 0,
      committed: outcome.committed,
      revision: outcome.revision,
      storeFailure: null,
      backups: outcome.backups,
    };
    try {
      this.latest = await access.read();
    } catch (error) {
      const failure = storeFailureOf(error);
      if (!failure || !outcome.committed) throw error;
      // The change is on disk; only reading it back failed. Say both, never "not run".
      const message = `The change was saved as revision ${outcome.revision}, but reading the store back failed: ${failure.message}`;
      return {...run, storeFailure: {...failure, message}};
    }
    return run;
  }

  /** Returns a factory of id sources that all replay one sequence. */
  private replayableIds(): () => () => string {
    const drawn: string[] = [];
    const source = this.options.newId ?? randomUUID;
    return () => {
      let next = 0;
      return () => {
        if (next === drawn.length) drawn.push(source());
        return drawn[next++] as string;
      };
    };
  }

  private evaluate(
    line: string,
    state: ChatState,
    confirm: Confirmer,
    newId: () => string,
    ports = this.store.ports(),
  ): LineResult {
    const operator: Operator = {name: this.user, roles: this.roles};
    return evaluateLine(line, {
      state,
      operator,
      roles: rolesOf(state.operators, this.user),
      readOnly: this.readOnly,
      now: this.options.now?.() ?? new Date(),
      newId,
      ports,
      catalog,
      confirm,
      variables: this.variables,
    });
  }

  /** Before anyone is asked: yes with --yes or when a person will be asked, else ConfirmationRequired. */
  private planningConfirmer(): Confirmer {
    if (this.options.yes || this.options.ask) return () => true;
    return (prompt) => {
      throw new CmdletErrorClass('ConfirmationRequired', `${prompt.message} ${CONFIRMATION_REQUIRED}`, {
        target: prompt.target,
      });
    };
  }

  private failed(line: string, state: ChatState, error: CmdletError | null): LineRun {
    return {
      line,
      output: [],
      errors: error
        ? [{cmdlet: 'pchat', errorId: error.errorId, message: error.message, target: error.target}]
        : [],
      warnings: [],
      whatIf: [],
      whatIfTargets: [],
      state,
      effects: [],
      targets: [],
      cmdlets: [],
      prompts: [],
      ok: false,
      committed: false,
      revision: state.revision,
      storeFailure: null,
      backups: [],
    };
  }
}

/** The effects name staged archive files, every one still as its plan checked it. */
function keepsStagedFiles(effects: readonly Effect[], ports: Ports): boolean {
  const files = effects.flatMap((e) => (e.kind === 'appendMessageFiles' ? e.files.map((f) => f.file) : []));
  return files.length > 0 && ports.archives.staged?.(files) === true;
}

/** A prompt the operator was not asked (the state moved between planning and commit) counts as No. */
const answeredConfirmer =
  (answers: ReadonlyMap<string, boolean>): Confirmer =>
  (prompt) =>
    answers.get(prompt.id) ?? false;

const changes = (result: LineResult, before: ChatState): boolean =>
  result.state !== before || result.effects.length > 0;
