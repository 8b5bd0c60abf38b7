// The documented failover and failback procedures (topology spec 1.5, 1.6) and the swap of 2.1, as
// data: ordered steps, each with the command it runs and a check of it on a given state, so a
// wizard or a drill can show, preview and run them. The command is structured; src/lang renders it.

import {setActiveServers} from './active-servers.js';
import {databaseStepInfo, needsBackup, recordDatabaseStep, type DatabaseStep} from './database-steps.js';
import {MAX_ACTIVE_SERVERS} from './deployment-rules.js';
import {isCmdletError, type CmdletError, type Warning} from './errors.js';
import {
  NO_FAULTS,
  checkFaults,
  isServerDown,
  poolStateTarget,
  type FaultTarget,
  type Faults,
} from './faults.js';
import {poolStateIdentity, resolvePoolIdentity} from './identity.js';
import {setPoolState} from './pool-state.js';
import {poolSummary, type PoolSummary} from './pool-summary.js';
import {withStoreFlag} from './store-flags.js';
import {isActiveServer, isFarFromDatabase} from './topology.js';
import type {ChatState, PersistentChatPool, PoolState} from './types.js';

export type ProcedureKind = 'swap' | 'failover' | 'failback';

export type StepAction =
  /** SQL or file work with no model effect: the operator acknowledges having done it. */
  | {readonly kind: 'acknowledge'}
  | {readonly kind: 'databaseStep'; readonly step: DatabaseStep}
  | {readonly kind: 'poolState'; readonly poolState: PoolState}
  /** null clears the list (`-ActiveServers $Null`); a list replaces it. */
  | {readonly kind: 'activeServers'; readonly servers: readonly string[] | null}
  | {readonly kind: 'swap'};

/** A cmdlet and its parameter values, as the binder would give them (a list modifier as {replace}). */
export interface ProcedureCommand {
  readonly cmdlet: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface ProcedureStep {
  readonly procedure: ProcedureKind;
  /** The FQDN of the pool the step works on. */
  readonly pool: string;
  /** The step's number in the documented procedure (the swap is one step: 1). */
  readonly number: number;
  readonly title: string;
  /** The SQL work a record step stands for, done on the SQL servers before recording it. */
  readonly sqlWork: string | null;
  /**
   * sqlRecord: Set-PcDatabaseStep records SQL work; cmdlet: the step is the cmdlet itself;
   * acknowledge: SQL work the model does not hold, which the operator confirms having done.
   */
  readonly kind: 'sqlRecord' | 'cmdlet' | 'acknowledge';
  readonly action: StepAction;
  /** null for an acknowledgement step: it runs no command. */
  readonly command: ProcedureCommand | null;
  /** high: changes where the pool's users connect or which database it uses; the console asks for typed confirmation. */
  readonly impact: 'normal' | 'high';
}

const DATABASE_STEP_CMDLET = 'Set-PcDatabaseStep';
const POOL_STATE_CMDLET = 'Set-CsPersistentChatState';
const ACTIVE_SERVER_CMDLET = 'Set-CsPersistentChatActiveServer';

const SQL_WORK: Readonly<Record<DatabaseStep, string>> = {
  LogShippingRemoved: 'On the backup SQL instance, remove the log-shipping secondary configuration of mgc.',
  BackupOnline: 'End the open connections to the backup mgc and restore it with recovery.',
  BackupMirrorInstalled:
    'Run Install-CsMirrorDatabase with the backup instance as primary and the backup mirror instance as mirror.',
  BackupMirrorRemoved: 'Remove mirroring from the backup mgc, and from mgccomp.',
  PrimaryRestored:
    'Restore the primary mgc from the full backup of step 3, overwriting it and leaving it ready to use.',
  LogShippingRestored:
    'Configure log shipping for the primary mgc again, as when high availability was set up.',
};

const recordStep = (pool: PersistentChatPool, step: DatabaseStep): ProcedureStep => {
  const info = databaseStepInfo(step);
  return {
    procedure: info.procedure,
    pool: pool.fqdn,
    number: info.number,
    title: info.title,
    sqlWork: SQL_WORK[step],
    kind: 'sqlRecord',
    action: {kind: 'databaseStep', step},
    command: {cmdlet: DATABASE_STEP_CMDLET, params: {Identity: poolStateIdentity(pool.fqdn), Step: step}},
    impact: 'normal',
  };
};

/** An SQL-side step with no model effect (spec 1.5 steps 2-3, 1.6 step 3). */
const acknowledgeStep = (
  pool: PersistentChatPool,
  procedure: ProcedureKind,
  number: number,
  title: string,
  sqlWork: string,
): ProcedureStep => ({
  procedure,
  pool: pool.fqdn,
  number,
  title,
  sqlWork,
  kind: 'acknowledge',
  action: {kind: 'acknowledge'},
  command: null,
  impact: 'normal',
});

const cmdletStep = (
  pool: PersistentChatPool,
  procedure: ProcedureKind,
  number: number,
  title: string,
  action: CmdletAction,
): ProcedureStep => ({
  procedure,
  pool: pool.fqdn,
  number,
  title,
  sqlWork: null,
  kind: 'cmdlet',
  action,
  command: commandOf(pool, action),
  // Spec note: every cmdlet step of these procedures moves users or databases; all are high impact.
  impact: 'high',
});

type CmdletAction = Exclude<StepAction, {kind: 'databaseStep'} | {kind: 'acknowledge'}>;

const commandOf = (pool: PersistentChatPool, action: CmdletAction): ProcedureCommand => {
  const Identity = poolStateIdentity(pool.fqdn);
  switch (action.kind) {
    case 'poolState':
      return {cmdlet: POOL_STATE_CMDLET, params: {Identity, PoolState: action.poolState}};
    case 'activeServers':
      return {
        cmdlet: ACTIVE_SERVER_CMDLET,
        params: {Identity, ActiveServers: action.servers === null ? null : {replace: action.servers}},
      };
    case 'swap':
      return {cmdlet: ACTIVE_SERVER_CMDLET, params: {Identity, Swap: true}};
  }
};

/**
 * The servers to make active once the pool runs in a state: those near the database it will use,
 * in the pool's server order, at most four.
 */
// Spec note: a low-latency link lets any server be active, but the servers beside the database are
// still the ones to propose, so the link is ignored here. A server down in a rehearsal is left out.
export const proposedActiveServers = (
  pool: PersistentChatPool,
  poolState: PoolState,
  faults: Faults = NO_FAULTS,
): string[] => {
  const target: PersistentChatPool = {
    ...pool,
    poolState,
    lowLatencyLink: false,
    stores: {...pool.stores, primary: withStoreFlag(pool.stores.primary, 'restored', false)},
  };
  return pool.servers
    .map((s) => s.fqdn)
    .filter((fqdn) => !isFarFromDatabase(target, fqdn) && !isServerDown(pool, fqdn, faults))
    .slice(0, MAX_ACTIVE_SERVERS);
};

/** The ordered steps of a procedure for a pool, numbered as the spec numbers them. */
export const procedureSteps = (
  pool: PersistentChatPool,
  kind: ProcedureKind,
  faults: Faults = NO_FAULTS,
): ProcedureStep[] => {
  switch (kind) {
    case 'swap':
      return [cmdletStep(pool, 'swap', 1, 'Swap the active and standby servers', {kind: 'swap'})];
    case 'failover':
      return [
        recordStep(pool, 'LogShippingRemoved'),
        acknowledgeStep(
          pool,
          'failover',
          2,
          'Copy the backup files not yet copied',
          'Copy any backup files not yet copied from the backup share into the copy destination folder on the backup server.',
        ),
        acknowledgeStep(
          pool,
          'failover',
          3,
          'Apply the transaction-log backups not yet applied',
          'Apply every transaction-log backup not yet applied to the backup mgc, in order.',
        ),
        recordStep(pool, 'BackupOnline'),
        cmdletStep(pool, 'failover', 5, 'Fail the pool over to the backup database', {
          kind: 'poolState',
          poolState: 'FailedOver',
        }),
        recordStep(pool, 'BackupMirrorInstalled'),
        cmdletStep(pool, 'failover', 7, 'Make the servers beside the backup database active', {
          kind: 'activeServers',
          servers: proposedActiveServers(pool, 'FailedOver', faults),
        }),
      ];
    case 'failback':
      return [
        cmdletStep(pool, 'failback', 1, 'Clear the active servers', {kind: 'activeServers', servers: null}),
        recordStep(pool, 'BackupMirrorRemoved'),
        acknowledgeStep(
          pool,
          'failback',
          3,
          'Take a full backup of the backup database',
          'Take a full backup of the backup mgc to the log-shipping share.',
        ),
        recordStep(pool, 'PrimaryRestored'),
        recordStep(pool, 'LogShippingRestored'),
        cmdletStep(pool, 'failback', 6, 'Make the servers beside the primary database active', {
          kind: 'activeServers',
          servers: proposedActiveServers(pool, 'Normal', faults),
        }),
        cmdletStep(pool, 'failback', 7, 'Return the pool to its primary database', {
          kind: 'poolState',
          poolState: 'Normal',
        }),
      ];
  }
};

/** An active-server step with the operator's own list instead of the proposed one. */
export const withActiveServers = (
  pool: PersistentChatPool,
  step: ProcedureStep,
  servers: readonly string[],
): ProcedureStep => {
  if (step.action.kind !== 'activeServers' || step.action.servers === null) return step;
  const action = {kind: 'activeServers', servers} as const;
  return {...step, action, command: commandOf(pool, action)};
};

/** The step lets the operator choose the servers (a Replace list, not a clear). */
export const editableServers = (step: ProcedureStep): readonly string[] | null =>
  step.action.kind === 'activeServers' ? step.action.servers : null;

export interface StepCheck {
  /** Why the step cannot run on this state (its command would fail), or null. */
  readonly error: CmdletError | null;
  /** What the command would warn about: steps out of order, far servers, a no-op. */
  readonly warnings: readonly Warning[];
  readonly changed: boolean;
  readonly before: PoolSummary;
  /** The pool after the step; the same as before when it fails or changes nothing. */
  readonly after: PoolSummary;
  /** The state after the step (the given state when it fails or changes nothing). */
  readonly state: ChatState;
}

/**
 * Runs a step's rule on a state without committing anything: the live preconditions, warnings and
 * preview. A rehearsal's faults come first: a step whose machines are down fails here.
 */
export const checkStep = (state: ChatState, step: ProcedureStep, faults: Faults = NO_FAULTS): StepCheck => {
  const identity = poolStateIdentity(step.pool);
  const pool = resolvePoolIdentity(state, identity);
  const before = poolSummary(pool);
  const fault = checkFaults(pool, faultTarget(pool, step.action), faults);
  if (fault.error) return {error: fault.error, warnings: [], changed: false, before, after: before, state};
  try {
    const result = applyAction(state, identity, step.action);
    return {
      error: null,
      warnings: [...fault.warnings, ...result.output.warnings],
      changed: result.output.changed,
      before,
      after: poolSummary(result.output.pool),
      state: result.state,
    };
  } catch (error) {
    if (!isCmdletError(error)) throw error;
    return {error, warnings: [], changed: false, before, after: before, state};
  }
};

const applyAction = (state: ChatState, identity: string, action: StepAction) => {
  switch (action.kind) {
    case 'acknowledge': {
      // Its SQL work is on the backup database, as that of the record steps around it.
      const pool = resolvePoolIdentity(state, identity);
      const missing = needsBackup('there is no backup database to do this SQL work on')(pool);
      if (missing) throw missing;
      return {state, output: {pool, warnings: [] as Warning[], changed: false}};
    }
    case 'databaseStep':
      return recordDatabaseStep(state, {identity, step: action.step});
    case 'poolState':
      return setPoolState(state, {identity, poolState: action.poolState});
    case 'activeServers':
      return setActiveServers(state, {
        identity,
        activeServers: action.servers === null ? null : {replace: action.servers},
      });
    case 'swap':
      return setActiveServers(state, {identity, swap: true});
  }
};

type StoreKey = Exclude<keyof PersistentChatPool['stores'], 'logShipping'>;
const DATABASE_STEP_STORES: Readonly<Record<DatabaseStep, readonly StoreKey[]>> = {
  LogShippingRemoved: ['backup'],
  BackupOnline: ['backup'],
  BackupMirrorInstalled: ['backup', 'backupMirror'],
  BackupMirrorRemoved: ['backup'],
  PrimaryRestored: ['backup', 'primary'],
  LogShippingRestored: ['primary', 'backup'],
};
const STORE_WHAT: Readonly<Record<StoreKey, string>> = {
  primary: 'primary database',
  primaryMirror: 'primary mirror',
  backup: 'backup database',
  backupMirror: 'backup mirror',
};

/** The machines a step needs: the SQL stores its SQL work runs on, or the servers it makes active. */
const faultTarget = (pool: PersistentChatPool, action: StepAction): FaultTarget => {
  switch (action.kind) {
    case 'acknowledge':
      // The SQL work of these steps runs on the backup SQL instance.
      return {kind: 'stores', stores: [{store: pool.stores.backup, what: STORE_WHAT.backup}]};
    case 'databaseStep':
      return {
        kind: 'stores',
        stores: DATABASE_STEP_STORES[action.step].map((key) => ({
          store: pool.stores[key],
          what: STORE_WHAT[key],
        })),
      };
    case 'poolState':
      return poolStateTarget(pool, action.poolState);
    case 'activeServers':
      return action.servers === null ? {kind: 'none'} : {kind: 'servers', servers: action.servers};
    case 'swap':
      return {
        kind: 'servers',
        servers: pool.servers.map((s) => s.fqdn).filter((f) => !isActiveServer(pool, f)),
      };
  }
};
