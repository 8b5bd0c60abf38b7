// The SQL-side steps of failover and failback (topology spec 1.5, 1.6): work done on the SQL
// servers, outside any cmdlet, that the operator records so the model knows where the databases
// stand. Each step flips one of the flags that Set-CsPersistentChatState's warnings read.

import {CmdletError, type Warning} from './errors.js';
import {poolStateIdentity} from './identity.js';
import {targetPool} from './pool-state.js';
import {withStoreFlag} from './store-flags.js';
import {storeName} from './topology.js';
import type {ChatState, PersistentChatPool} from './types.js';

export const DATABASE_STEPS = [
  'LogShippingRemoved',
  'BackupOnline',
  'BackupMirrorInstalled',
  'BackupMirrorRemoved',
  'PrimaryRestored',
  'LogShippingRestored',
] as const;

export type DatabaseStep = (typeof DATABASE_STEPS)[number];

type Stores = PersistentChatPool['stores'];

interface StepRule {
  readonly procedure: 'failover' | 'failback';
  /** The step's number in the documented procedure. */
  readonly number: number;
  readonly title: string;
  /** Why the step cannot be recorded on this pool, or null. */
  readonly blocker: (pool: PersistentChatPool) => CmdletError | null;
  /** Why recording it would change nothing (the message of the no-op warning), or null. */
  readonly alreadyDone: (pool: PersistentChatPool) => string | null;
  /** The steps of the procedure that should have come first and have not. */
  readonly outOfOrder: (pool: PersistentChatPool) => Warning[];
  readonly apply: (stores: Stores) => Stores;
}

const target = (pool: PersistentChatPool): string => poolStateIdentity(pool.fqdn);
const backupName = (pool: PersistentChatPool): string => storeName(pool.stores.backup) ?? '';
const mirrorName = (pool: PersistentChatPool): string => storeName(pool.stores.backupMirror) ?? '';

export const needsBackup =
  (what: string) =>
  (pool: PersistentChatPool): CmdletError | null =>
    pool.stores.backup
      ? null
      : new CmdletError(
          'BackupStoreRequired',
          `Pool ${pool.fqdn} has no backup store in the topology, so ${what}.`,
          {target: target(pool), parameter: 'Step'},
        );

const needsBackupMirror = (pool: PersistentChatPool): CmdletError | null =>
  pool.stores.backupMirror
    ? null
    : new CmdletError(
        'BackupMirrorRequired',
        `Pool ${pool.fqdn} has no backup mirror in the topology, so there is no mirror of the backup database to record.`,
        {target: target(pool), parameter: 'Step'},
      );

const warning = (pool: PersistentChatPool, warningId: Warning['warningId'], message: string): Warning => ({
  warningId,
  message,
  target: target(pool),
});

const activeNotCleared = (pool: PersistentChatPool, step: number): Warning[] =>
  pool.activeServers.length > 0
    ? [
        warning(
          pool,
          'ActiveServersNotCleared',
          `Pool ${pool.fqdn} still has active servers (${pool.activeServers.join(', ')}); clear them with -ActiveServers $Null before failback step ${step} (failback step 1).`,
        ),
      ]
    : [];

const notFailedOver = (pool: PersistentChatPool, what: string): Warning[] =>
  pool.poolState === 'FailedOver'
    ? []
    : [
        warning(
          pool,
          'PoolNotFailedOver',
          `Pool ${pool.fqdn} is not failed over: ${what} (failover step 5 comes first).`,
        ),
      ];

const RULES: Readonly<Record<DatabaseStep, StepRule>> = {
  LogShippingRemoved: {
    procedure: 'failover',
    number: 1,
    title: 'Remove log shipping from the backup database',
    blocker: needsBackup('it has no log shipping to remove'),
    alreadyDone: (pool) =>
      pool.stores.logShipping ? null : `Log shipping to ${backupName(pool)} is already removed.`,
    outOfOrder: () => [],
    apply: (stores) => ({...stores, logShipping: false}),
  },
  BackupOnline: {
    procedure: 'failover',
    number: 4,
    title: 'Bring the backup database online',
    blocker: needsBackup('it has no backup database to bring online'),
    alreadyDone: (pool) =>
      pool.stores.backup?.online === true
        ? `The backup database ${backupName(pool)} is already online.`
        : null,
    // Spec note: recovering the backup while logs still ship to it breaks the log chain; the spec
    // orders step 1 first but does not forbid it, so this is a warning, as on failing over.
    outOfOrder: (pool) =>
      pool.stores.logShipping
        ? [
            warning(
              pool,
              'LogShippingEnabled',
              `Log shipping to ${backupName(pool)} is still enabled for pool ${pool.fqdn}; remove it before bringing the backup online (failover step 1).`,
            ),
          ]
        : [],
    apply: (stores) => ({...stores, backup: stores.backup && {...stores.backup, online: true}}),
  },
  BackupMirrorInstalled: {
    procedure: 'failover',
    number: 6,
    title: 'Install the mirror of the backup database',
    blocker: needsBackupMirror,
    alreadyDone: (pool) =>
      pool.stores.backupMirror?.active === true
        ? `The backup mirror ${mirrorName(pool)} is already installed.`
        : null,
    outOfOrder: (pool) =>
      notFailedOver(pool, 'the backup mirror protects the backup database once it serves the pool'),
    apply: (stores) => ({
      ...stores,
      backupMirror: stores.backupMirror && withStoreFlag(stores.backupMirror, 'active', true),
    }),
  },
  BackupMirrorRemoved: {
    procedure: 'failback',
    number: 2,
    title: 'Remove mirroring from the backup database',
    blocker: needsBackupMirror,
    alreadyDone: (pool) =>
      pool.stores.backupMirror?.active === true
        ? null
        : `The backup mirror ${mirrorName(pool)} is not mirroring the backup database.`,
    outOfOrder: (pool) => activeNotCleared(pool, 2),
    apply: (stores) => ({
      ...stores,
      backupMirror: stores.backupMirror && withStoreFlag(stores.backupMirror, 'active', false),
    }),
  },
  PrimaryRestored: {
    procedure: 'failback',
    number: 4,
    title: 'Restore the primary database from the backup',
    blocker: needsBackup('there is no backup to restore the primary database from'),
    // Spec note: while the pool is Normal the primary is the database in use, so it is up to date
    // and "restored" has nothing to record; the step is a no-op with a warning, not an error.
    alreadyDone: (pool) =>
      pool.poolState === 'Normal'
        ? `Pool ${pool.fqdn} uses its primary database (Normal), so it is up to date; nothing to restore.`
        : pool.stores.primary.restored === true
          ? `The primary database ${storeName(pool.stores.primary) ?? ''} is already restored.`
          : null,
    outOfOrder: (pool) => [
      ...activeNotCleared(pool, 4),
      ...(pool.stores.backupMirror?.active === true
        ? [
            warning(
              pool,
              'BackupMirrorActive',
              `The backup database ${backupName(pool)} is still mirrored to ${mirrorName(pool)}; remove mirroring first (failback step 2).`,
            ),
          ]
        : []),
    ],
    apply: (stores) => ({...stores, primary: withStoreFlag(stores.primary, 'restored', true)}),
  },
  LogShippingRestored: {
    procedure: 'failback',
    number: 5,
    title: 'Set up log shipping again from the primary database',
    blocker: needsBackup('it has no backup database to ship logs to'),
    alreadyDone: (pool) =>
      pool.stores.logShipping ? `Log shipping to ${backupName(pool)} is already set up.` : null,
    outOfOrder: (pool) =>
      pool.poolState === 'FailedOver' && pool.stores.primary.restored !== true
        ? [
            warning(
              pool,
              'PrimaryNotRestored',
              `The primary database of pool ${pool.fqdn} has not been restored from the backup (failback step 4); log shipping would copy an out-of-date database.`,
            ),
          ]
        : [],
    // Spec note: log shipping makes the backup a restoring target again, so it is no longer online
    // (spec 1.1: `online` is false while the backup is a restoring log-shipping target).
    apply: (stores) => ({
      ...stores,
      logShipping: true,
      backup: stores.backup && {...stores.backup, online: false},
    }),
  },
};

/** Where a step sits in the documented procedures. */
export const databaseStepInfo = (step: DatabaseStep): Pick<StepRule, 'procedure' | 'number' | 'title'> => {
  const {procedure, number, title} = RULES[step];
  return {procedure, number, title};
};

export interface RecordDatabaseStepInput {
  readonly identity?: string | null;
  readonly instanceIdentity?: string | null;
  readonly step: DatabaseStep;
}

export interface RecordDatabaseStepOutput {
  readonly pool: PersistentChatPool;
  readonly changed: boolean;
  readonly warnings: readonly Warning[];
}

/** Records that a SQL-side step was done: impossible steps fail, steps out of order warn, a step already recorded is a no-op with a warning. */
export const recordDatabaseStep = (
  state: ChatState,
  input: RecordDatabaseStepInput,
): {state: ChatState; output: RecordDatabaseStepOutput} => {
  const pool = targetPool(state, input);
  const rule = RULES[input.step];
  const blocked = rule.blocker(pool);
  if (blocked) throw blocked;
  const done = rule.alreadyDone(pool);
  if (done !== null) {
    const noop = warning(pool, 'DatabaseStepAlreadyRecorded', `${done} Nothing was recorded.`);
    return {state, output: {pool, changed: false, warnings: [noop]}};
  }
  const next: PersistentChatPool = {...pool, stores: rule.apply(pool.stores)};
  const pools = state.topology.persistentChatPools.map((p) => (p === pool ? next : p));
  return {
    state: {...state, topology: {...state.topology, persistentChatPools: pools}},
    output: {pool: next, changed: true, warnings: rule.outOfOrder(pool)},
  };
};
