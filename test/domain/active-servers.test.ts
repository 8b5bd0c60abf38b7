import {describe, expect, it} from 'vitest';
import {setActiveServers, type SetActiveServersInput} from '../../src/domain/active-servers.js';
import {CmdletError} from '../../src/domain/errors.js';
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

const chat = (n: number): string => `chat${n}.${n <= 4 ? 'dc1' : 'dc2'}.example.org`;
const onePool = stateFrom(onePoolDeployment());
const demo = stateFrom(demoDeployment());
const pc1 = (state: ChatState): PersistentChatPool => state.topology.persistentChatPools[0]!;

/** The one-pool fixture with pc1's active list and pool fields changed. */
const withPc1 = (fields: Partial<PersistentChatPool>): ChatState => ({
  ...onePool,
  topology: {...onePool.topology, persistentChatPools: [{...pc1(onePool), ...fields}]},
});

describe('setActiveServers', () => {
  it('refuses a fifth active server and changes nothing', () => {
    const error = errorOf(() =>
      setActiveServers(onePool, {identity: 'global', activeServers: {add: [chat(5)]}}),
    );
    expect(error.errorId).toBe('ActiveServerLimit');
    expect(error.parameter).toBe('ActiveServers');
    expect(pc1(onePool).activeServers).toHaveLength(4);
  });

  it('removes a server, and adds it back', () => {
    const removed = setActiveServers(onePool, {identity: 'global', activeServers: {remove: [chat(1)]}});
    expect(pc1(removed.state).activeServers).toEqual([chat(2), chat(3), chat(4)]);
    expect(removed.output).toMatchObject({
      changed: true,
      before: [chat(1), chat(2), chat(3), chat(4)],
      after: [chat(2), chat(3), chat(4)],
    });
    const added = setActiveServers(removed.state, {
      identity: 'global',
      activeServers: {add: ['CHAT1.DC1.Example.org']},
    });
    expect(pc1(added.state).activeServers).toEqual([chat(2), chat(3), chat(4), chat(1)]);
    expect(added.output.warnings).toEqual([]);
  });

  it('clears the list for $Null, with a warning that the pool takes no new connections', () => {
    const {state, output} = setActiveServers(onePool, {identity: 'global', activeServers: null});
    expect(pc1(state).activeServers).toEqual([]);
    expect(output.warnings.map((w) => w.warningId)).toEqual(['NoActiveServers']);
    expect(output.warnings[0]?.target).toBe('service:PersistentChatServer:pc1.dc1.example.org');
  });

  it('swaps the active and standby servers of pc1', () => {
    const {state} = setActiveServers(onePool, {swap: true});
    expect(pc1(state).activeServers).toEqual([chat(5), chat(6), chat(7), chat(8)]);
  });

  it('refuses a swap that would leave more than four servers active', () => {
    const state = withPc1({activeServers: [chat(1)], servers: pc1(onePool).servers.slice(0, 6)});
    const error = errorOf(() => setActiveServers(state, {swap: true}));
    expect(error.errorId).toBe('ActiveServerLimit');
    expect(error.parameter).toBe('Swap');
  });

  it('replaces the list, collapsing duplicates, with a proximity warning while the primary is in dc1', () => {
    const {state, output} = setActiveServers(onePool, {
      activeServers: {replace: [chat(5), chat(6), chat(5)]},
    });
    expect(pc1(state).activeServers).toEqual([chat(5), chat(6)]);
    expect(output.warnings.map((w) => w.warningId)).toEqual(['ActiveServerFarFromDatabase']);
    expect(output.warnings[0]?.message).toContain(chat(5));
  });

  it.each<[string, Partial<PersistentChatPool>]>([
    ['the pool is failed over to the backup in dc2', {poolState: 'FailedOver'}],
    ['the data centres have a low-latency link', {lowLatencyLink: true}],
  ])('does not warn about dc2 servers when %s', (_why, fields) => {
    const {output} = setActiveServers(withPc1(fields), {activeServers: {replace: [chat(5), chat(6)]}});
    expect(output.warnings).toEqual([]);
  });

  it('warns about a server in dc1 while the pool runs on the dc2 backup', () => {
    const {output} = setActiveServers(withPc1({poolState: 'FailedOver', activeServers: [chat(5)]}), {
      activeServers: {add: [chat(1)]},
    });
    expect(output.warnings.map((w) => w.warningId)).toEqual(['ActiveServerFarFromDatabase']);
  });

  it.each<[string, SetActiveServersInput, string]>([
    ['adding a server that is already active', {activeServers: {add: [chat(2)]}}, 'ServerAlreadyActive'],
    ['removing a server that is not active', {activeServers: {remove: [chat(7)]}}, 'ServerNotActive'],
  ])('treats %s as a no-op with a warning', (_what, input, warningId) => {
    const {state, output} = setActiveServers(onePool, input);
    expect(state).toBe(onePool);
    expect(output.changed).toBe(false);
    expect(output.warnings.map((w) => w.warningId)).toEqual([warningId]);
  });

  it('returns the same state when a replace names the active servers in another order', () => {
    const {state} = setActiveServers(onePool, {
      activeServers: {replace: [chat(4), chat(3), chat(2), chat(1)]},
    });
    expect(state).toBe(onePool);
  });

  it('applies Replace, then Remove, then Add', () => {
    const {state} = setActiveServers(onePool, {
      activeServers: {replace: [chat(1), chat(2)], remove: [chat(1)], add: [chat(3)]},
    });
    expect(pc1(state).activeServers).toEqual([chat(2), chat(3)]);
  });

  it('never mutates its input', () => {
    const frozen = structuredClone(onePool);
    setActiveServers(onePool, {activeServers: null});
    expect(onePool).toEqual(frozen);
  });

  it.each<[string, ChatState, SetActiveServersInput, string, string]>([
    [
      'a server of no pool',
      onePool,
      {activeServers: {add: ['chat9.dc1.example.org']}},
      'NotPoolMember',
      'ActiveServers',
    ],
    ['a malformed FQDN', onePool, {activeServers: {add: ['chat 1']}}, 'InvalidValue', 'ActiveServers'],
    [
      'both -ActiveServers and -Swap',
      onePool,
      {activeServers: null, swap: true},
      'ParameterConflict',
      'ActiveServers',
    ],
    ['neither -ActiveServers nor -Swap', onePool, {}, 'ParameterConflict', 'ActiveServers'],
    [
      '$Null with two pools and no pool identity',
      demo,
      {identity: 'global', activeServers: null},
      'PoolRequired',
      'Identity',
    ],
    ['-Swap with two pools and no pool identity', demo, {swap: true}, 'PoolRequired', 'Identity'],
    [
      'servers of two pools',
      demo,
      {activeServers: {replace: [chat(1), 'pc2.dc2.example.org']}},
      'PoolRequired',
      'Identity',
    ],
    [
      'a server of another pool',
      demo,
      {identity: 'service:PersistentChatServer:pc2.dc2.example.org', activeServers: {add: [chat(1)]}},
      'NotPoolMember',
      'ActiveServers',
    ],
    [
      'an unknown pool',
      demo,
      {identity: 'service:PersistentChatServer:pc9.dc1.example.org', activeServers: null},
      'PoolNotFound',
      'Identity',
    ],
    [
      'an unknown server with two pools',
      demo,
      {identity: 'PChatServerCollection', activeServers: {add: ['x.example.org']}},
      'NotPoolMember',
      'ActiveServers',
    ],
  ])('refuses %s', (_what, state, input, errorId, parameter) => {
    const error = errorOf(() => setActiveServers(state, input));
    expect([error.errorId, error.parameter]).toEqual([errorId, parameter]);
  });

  it.each<[string, SetActiveServersInput, string]>([
    [
      'a pool identity',
      {identity: 'service:PersistentChatServer:pc2.dc2.example.org', activeServers: null},
      'pc2.dc2.example.org',
    ],
    [
      'the short service spelling',
      {identity: 'service:pc2.dc2.example.org', activeServers: null},
      'pc2.dc2.example.org',
    ],
    [
      'the servers given, under a free label',
      {identity: 'PChatServerCollection', activeServers: {remove: [chat(4)]}},
      'pc1.dc1.example.org',
    ],
    ['the servers given, with no identity', {activeServers: {replace: [chat(5)]}}, 'pc1.dc1.example.org'],
  ])('finds the pool from %s when there are two pools', (_what, input, fqdn) => {
    const {output} = setActiveServers(demo, input);
    expect(output.pool.fqdn).toBe(fqdn);
  });
});
