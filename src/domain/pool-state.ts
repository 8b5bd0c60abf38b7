// Get- and Set-CsPersistentChatState (topology spec 2.2, 2.3): whether a pool runs on its
// primary databases (Normal) or on the backup databases (FailedOver).

import {CmdletError, type Warning} from './errors.js';
import {poolServiceIdentity, poolStateIdentity, resolvePoolIdentity, wildcardMatch} from './identity.js';
import {withStoreFlag} from './store-flags.js';
import {activeServerWarnings, storeName} from './topology.js';
import type {ChatState, PersistentChatPool, PoolState} from './types.js';

export interface PoolStateView {
  /** `service:PersistentChatServer:<fqdn>` */
  readonly identity: string;
  readonly poolState: PoolState;
  readonly pool: PersistentChatPool;
}

const view = (pool: PersistentChatPool): PoolStateView => ({
  identity: poolStateIdentity(pool.fqdn),
  poolState: pool.poolState,
  pool,
});

/** The spellings a -Filter may match: any of the three identity forms. */
const spellings = (fqdn: string): string[] => [
  poolStateIdentity(fqdn),
  poolServiceIdentity(fqdn),
  `service:${fqdn}`,
];

export const getPoolStates = (
  state: ChatState,
  query: {identity?: string | null; filter?: string | null},
): PoolStateView[] => {
  if (query.identity != null && query.filter != null) {
    throw new CmdletError('ParameterConflict', 'Use either -Identity or -Filter, not both.', {
      parameter: 'Filter',
    });
  }
  if (query.identity != null) return [view(resolvePoolIdentity(state, query.identity))];
  const filter = query.filter;
  const pools = state.topology.persistentChatPools;
  // Spec note: the filter matches any spelling of the identity, so `PersistentChatServer:*` works as in the reference.
  return (
    filter == null ? pools : pools.filter((p) => spellings(p.fqdn).some((s) => wildcardMatch(filter, s)))
  ).map(view);
};

export interface SetPoolStateInput {
  readonly identity?: string | null;
  /** The Identity of an -Instance object. */
  readonly instanceIdentity?: string | null;
  readonly poolState?: PoolState | null;
}

export interface SetPoolStateOutput {
  readonly pool: PersistentChatPool;
  readonly changed: boolean;
  readonly warnings: readonly Warning[];
}

export const setPoolState = (
  state: ChatState,
  input: SetPoolStateInput,
): {state: ChatState; output: SetPoolStateOutput} => {
  const pool = targetPool(state, input);
  const wanted = input.poolState ?? null;
  // Spec note: omitting -PoolState changes nothing, and setting the state a pool already has is a no-op.
  if (wanted === null || wanted === pool.poolState)
    return {state, output: {pool, changed: false, warnings: []}};
  const blocked = poolStateBlocker(pool, wanted);
  if (blocked) throw blocked;
  const next: PersistentChatPool = {...pool, poolState: wanted, stores: storesFor(pool, wanted)};
  const pools = state.topology.persistentChatPools.map((p) => (p === pool ? next : p));
  return {
    state: {...state, topology: {...state.topology, persistentChatPools: pools}},
    output: {pool: next, changed: true, warnings: procedureWarnings(next)},
  };
};

/** Why a pool cannot be put in a state, or null when it can (a pool without a backup cannot fail over). */
export const poolStateBlocker = (pool: PersistentChatPool, wanted: PoolState): CmdletError | null =>
  wanted === 'FailedOver' && !pool.stores.backup
    ? new CmdletError(
        'BackupStoreRequired',
        `Pool ${pool.fqdn} has no backup store in the topology, so it cannot be failed over.`,
        {target: poolStateIdentity(pool.fqdn), parameter: 'PoolState'},
      )
    : null;

/** The pool a state cmdlet names: -Identity, else the -Instance's Identity, else the only pool (PoolRequired otherwise). */
export const targetPool = (
  state: ChatState,
  input: Pick<SetPoolStateInput, 'identity' | 'instanceIdentity'>,
): PersistentChatPool => {
  if (input.identity != null) return resolvePoolIdentity(state, input.identity);
  if (input.instanceIdentity != null) return resolvePoolIdentity(state, input.instanceIdentity, 'Instance');
  const pools = state.topology.persistentChatPools;
  if (pools.length === 1 && pools[0]) return pools[0];
  throw new CmdletError(
    'PoolRequired',
    `There are ${pools.length} Persistent Chat pools; name one with -Identity "service:<pool FQDN>".`,
    {
      parameter: 'Identity',
    },
  );
};

/** Back to Normal ends failback, so the primary's "restored" mark (failback step 4) has served its purpose. */
const storesFor = (pool: PersistentChatPool, wanted: PoolState): PersistentChatPool['stores'] =>
  wanted === 'Normal' && pool.stores.primary.restored !== undefined
    ? {...pool.stores, primary: withStoreFlag(pool.stores.primary, 'restored', false)}
    : pool.stores;

/** The failover and failback steps that should come before this one (topology spec 1.5, 1.6). */
const procedureWarnings = (pool: PersistentChatPool): Warning[] => {
  const target = poolStateIdentity(pool.fqdn);
  const backup = storeName(pool.stores.backup) ?? '';
  const warnings: Warning[] = [];
  if (pool.poolState === 'FailedOver' && pool.stores.logShipping) {
    warnings.push({
      warningId: 'LogShippingEnabled',
      message: `Log shipping to ${backup} is still enabled for pool ${pool.fqdn}; remove it before failing over (failover step 1).`,
      target,
    });
  }
  // Spec note: a backup still restoring log backups cannot serve the pool; warn rather than refuse.
  if (pool.poolState === 'FailedOver' && pool.stores.backup?.online !== true) {
    warnings.push({
      warningId: 'BackupStoreOffline',
      message: `The backup database ${backup} of pool ${pool.fqdn} has not been brought online (failover step 4).`,
      target,
    });
  }
  if (pool.poolState === 'Normal' && pool.stores.backup && !pool.stores.logShipping) {
    warnings.push({
      warningId: 'LogShippingNotRestored',
      message: `Log shipping from the primary database of pool ${pool.fqdn} to ${backup} has not been set up again (failback step 5).`,
      target,
    });
  }
  // Spec note: only the return to Normal checks where the active servers are; failing over comes
  // before they move (failover step 7), so checking there would warn on the documented order.
  if (pool.poolState === 'Normal') {
    warnings.push(
      ...activeServerWarnings(pool, pool.activeServers).filter(
        (w) => w.warningId === 'ActiveServerFarFromDatabase',
      ),
    );
  }
  return warnings;
};
