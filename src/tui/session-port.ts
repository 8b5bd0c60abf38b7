// What the console needs from the session (src/session.ts's Session satisfies it), so the console
// can be driven by the real session over any store.

import type {DrillRecord} from '../domain/drills.js';
import type {ProcedureKind, ProcedureStep} from '../domain/procedures.js';
import type {ChatState, Role} from '../domain/types.js';
import type {LineRun, RunOptions, StoreFailure} from '../session.js';

export interface ConsoleSession {
  readonly state: ChatState;
  readonly readOnly: boolean;
  readonly user: string;
  readonly role: Role | 'None';
  readonly roles: readonly Role[];
  readonly store: {
    watch(onChange: () => void): () => void;
    /** A store on a server: its live connection (the header shows it). */
    connection?(): 'connected' | 'reconnecting';
  };
  run(line: string, options?: RunOptions): Promise<LineRun>;
  reload(): Promise<ChatState>;
}

export type {LineRun, RunOptions, StoreFailure};
export {storeFailureOf} from '../session.js';

/** What the wizard starts or resumes: the same drills as `pchat drill`, one step per key. */
export interface ConsoleDrillStart {
  readonly procedure: ProcedureKind;
  readonly pool: string;
  readonly live: boolean;
  /** Servers or data centres down in a rehearsal's copy. */
  readonly faults: readonly string[];
  /** Continue the pool's unfinished drill of this procedure. */
  readonly resume: boolean;
  /** The operator the drill acts as: the console's. */
  readonly user: string;
  readonly now: () => Date;
}

/** A drill the wizard holds open: the pool's drill lock is held until it is closed. */
export interface ConsoleDrill {
  readonly record: DrillRecord;
  /** The state it runs on (a rehearsal's scratch copy), as of its last step. */
  readonly state: ChatState;
  readonly steps: readonly ProcedureStep[];
  next(): number | null;
  runStep(index: number, options?: {servers?: readonly string[]}): Promise<DrillRecord>;
  close(): void;
}

/** The drills of the console's store (src/drills implements it; main wires it in). */
export interface ConsoleDrills {
  /** The pool's last unfinished drill, to offer for resumption. */
  unfinished(pool: string): DrillRecord | null;
  open(start: ConsoleDrillStart): Promise<ConsoleDrill>;
}

/** How far an export or import has got: archive entries staged (of how many, when known), bytes written. */
export interface TransferProgress {
  readonly entries: number;
  readonly total: number | null;
  readonly bytes: number;
  readonly elapsedMs: number;
}

export type TransferOutcome =
  | {readonly kind: 'finished'; readonly status: number; readonly stdout: string; readonly stderr: string}
  | {readonly kind: 'cancelled'};

/** An export or import line running apart from the console, so that the console stays responsive. */
export interface ConsoleTransfer {
  readonly done: Promise<TransferOutcome>;
  progress(): TransferProgress;
  /** Stops it; `done` answers `cancelled` once the store is as it was before. */
  cancel(): void;
}

/** Export and import for the Export/Import screen (src/transfer-process.ts implements it; main wires it in). */
export interface ConsoleTransfers {
  /** The .zip files under the store's exports/, by name. */
  archives(): readonly string[];
  /**
   * `output`: the archive an export creates (removed on cancel); `total`: the entries it will hold;
   * `archive`: the archive an import reads (its entries are counted from it).
   */
  start(request: {
    readonly line: string;
    readonly output?: string;
    readonly total?: number;
    readonly archive?: string;
  }): ConsoleTransfer;
}
