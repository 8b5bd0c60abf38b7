import {describe, expect, it} from 'vitest';
import {CmdletError} from '../../src/domain/errors.js';
import {getPoolStates, setPoolState, type SetPoolStateInput} from '../../src/domain/pool-state.js';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';
import {demoDeployment, onePoolDeployment, stateFrom} from '../helpers/demo.js';

const errorOf = (fn: () => unknown): CmdletError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

const demo = stateFrom(demoDeployment());
const onePool = stateFrom(onePoolDeployment());
const pool = (state: ChatState, fqdn = 'pc1.dc1.example.org'): PersistentChatPool =>
  state.topology.persistentChatPools.find((p) => p.fqdn === fqdn)!;
const withPc1 = (state: ChatState, fields: Partial<PersistentChatPool>): ChatState => ({
  ...state,
  topology: {
    ...state.topology,
    persistentChatPools: state.topology.persistentChatPools.map((p) =>
      p.fqdn === 'pc1.dc1.example.org' ? {...p, ...fields} : p,
    ),
  },
});
const stores = pool(demo).stores;

describe('getPoolStates', () => {
  it('returns every pool with its canonical identity', () => {
    expect(getPoolStates(demo, {}).map((v) => [v.identity, v.poolState])).toEqual([
      ['service:PersistentChatServer:pc1.dc1.example.org', 'Normal'],
      ['service:PersistentChatServer:pc2.dc2.example.org', 'Normal'],
    ]);
  });

  it.each([
    'PersistentChatServer:pc1.dc1.example.org',
    'service:pc1.dc1.example.org',
    'service: PC1.dc1.example.org',
    'service:PersistentChatServer:pc1.dc1.example.org',
  ])('finds pc1 by %j', (identity) => {
    expect(getPoolStates(demo, {identity}).map((v) => v.pool.fqdn)).toEqual(['pc1.dc1.example.org']);
  });

  it.each([
    ['*.example.org', 2],
    ['*.dc2.example.org', 1],
    ['PersistentChatServer:pc1*', 1],
    ['service:pc?.dc1.example.org', 1],
    ['*.contoso.com', 0],
  ])('filters with %j to %i pools', (filter, count) => {
    expect(getPoolStates(demo, {filter})).toHaveLength(count);
  });

  it.each<[string, {identity?: string; filter?: string}, string]>([
    ['an unknown pool', {identity: 'PersistentChatServer:pc9.dc1.example.org'}, 'PoolNotFound'],
    [
      'both -Identity and -Filter',
      {identity: 'service:pc1.dc1.example.org', filter: '*'},
      'ParameterConflict',
    ],
  ])('refuses %s', (_what, query, errorId) => {
    expect(errorOf(() => getPoolStates(demo, query)).errorId).toBe(errorId);
  });
});

describe('setPoolState', () => {
  it('fails pc1 over, warning that log shipping is on and the backup is not online', () => {
    const {state, output} = setPoolState(demo, {
      identity: 'PersistentChatServer:pc1.dc1.example.org',
      poolState: 'FailedOver',
    });
    expect(pool(state).poolState).toBe('FailedOver');
    expect(pool(state).activeServers).toEqual(pool(demo).activeServers);
    expect(output.changed).toBe(true);
    expect(output.warnings.map((w) => w.warningId)).toEqual(['LogShippingEnabled', 'BackupStoreOffline']);
  });

  it('fails over without warnings once log shipping is off and the backup is online', () => {
    const ready = withPc1(demo, {
      stores: {...stores, logShipping: false, backup: {...stores.backup!, online: true}},
    });
    expect(
      setPoolState(ready, {identity: 'service:pc1.dc1.example.org', poolState: 'FailedOver'}).output.warnings,
    ).toEqual([]);
  });

  it('warns on failback while log shipping has not been set up again', () => {
    const failedOver = withPc1(demo, {poolState: 'FailedOver', stores: {...stores, logShipping: false}});
    const {state, output} = setPoolState(failedOver, {
      identity: 'service:pc1.dc1.example.org',
      poolState: 'Normal',
    });
    expect(pool(state).poolState).toBe('Normal');
    expect(output.warnings.map((w) => w.warningId)).toEqual(['LogShippingNotRestored']);
  });

  it.each<[string, SetPoolStateInput]>([
    ['the state the pool already has', {identity: 'service:pc1.dc1.example.org', poolState: 'Normal'}],
    ['no -PoolState', {identity: 'service:pc1.dc1.example.org'}],
  ])('changes nothing for %s', (_what, input) => {
    const {state, output} = setPoolState(demo, input);
    expect(state).toBe(demo);
    expect(output.changed).toBe(false);
  });

  it('refuses to fail over a pool without a backup store', () => {
    const error = errorOf(() =>
      setPoolState(demo, {identity: 'service:pc2.dc2.example.org', poolState: 'FailedOver'}),
    );
    expect([error.errorId, error.parameter]).toEqual(['BackupStoreRequired', 'PoolState']);
  });

  it('uses the only pool when no identity is given, and asks for one when there are two', () => {
    expect(pool(setPoolState(onePool, {poolState: 'FailedOver'}).state).poolState).toBe('FailedOver');
    expect(errorOf(() => setPoolState(demo, {poolState: 'FailedOver'})).errorId).toBe('PoolRequired');
  });

  it('takes the pool from an -Instance identity', () => {
    const {output} = setPoolState(demo, {
      instanceIdentity: 'service:PersistentChatServer:pc1.dc1.example.org',
      poolState: 'FailedOver',
    });
    expect(output.pool.fqdn).toBe('pc1.dc1.example.org');
    const error = errorOf(() =>
      setPoolState(demo, {instanceIdentity: 'service:pc7.dc1.example.org', poolState: 'Normal'}),
    );
    expect([error.errorId, error.parameter]).toEqual(['PoolNotFound', 'Instance']);
  });
});
