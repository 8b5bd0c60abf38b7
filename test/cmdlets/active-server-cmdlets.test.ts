import {describe, expect, it} from 'vitest';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';
import type {LineRun} from '../../src/session.js';
import {demoDeployment, onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const onePool = stateFrom(onePoolDeployment());
const demo = stateFrom(demoDeployment());
const chat = (n: number): string => `chat${n}.${n <= 4 ? 'dc1' : 'dc2'}.example.org`;
const active = (state: ChatState, fqdn = 'pc1.dc1.example.org'): readonly string[] =>
  state.topology.persistentChatPools.find((p) => p.fqdn === fqdn)?.activeServers ?? [];
const errorIds = (run: LineRun | undefined): string[] => run?.errors.map((e) => e.errorId) ?? [];
const warningIds = (run: LineRun | undefined): string[] => run?.warnings.map((w) => w.warningId) ?? [];

interface Case {
  readonly title: string;
  readonly state?: ChatState;
  /** Lines run before the one under test. */
  readonly before?: readonly string[];
  readonly line: string;
  readonly active?: readonly string[];
  readonly errors?: readonly string[];
  readonly warnings?: readonly string[];
}

describe('Set-CsPersistentChatActiveServer on the one-pool fixture', () => {
  it.each<Case>([
    {
      title: 'example 1 adds chat1 once fewer than four servers are active',
      before: [
        'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Remove="chat1.dc1.example.org"}',
      ],
      line: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="chat1.dc1.example.org"}',
      active: [chat(2), chat(3), chat(4), chat(1)],
    },
    {
      title: 'example 2 removes chat1',
      line: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Remove="chat1.dc1.example.org"}',
      active: [chat(2), chat(3), chat(4)],
    },
    {
      title: 'example 3 clears the list with a warning',
      line: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers $Null',
      active: [],
      warnings: ['NoActiveServers'],
    },
    {
      title: 'the current label PChatServerCollection names the only pool',
      line: 'Set-CsPersistentChatActiveServer -Identity "PChatServerCollection" -ActiveServers @{Remove="chat4.dc1.example.org"}',
      active: [chat(1), chat(2), chat(3)],
    },
    {
      title: 'the failover step replaces the list with the dc2 servers, warning while the primary is in use',
      line: 'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -ActiveServers @{Replace="chat5.dc2.example.org","chat6.dc2.example.org"}',
      active: [chat(5), chat(6)],
      warnings: ['ActiveServerFarFromDatabase'],
    },
    {
      title: 'the failover step has no proximity warning once the pool is failed over',
      before: [
        'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState FailedOver -Force',
      ],
      line: 'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -ActiveServers @{Replace="chat5.dc2.example.org","chat6.dc2.example.org"}',
      active: [chat(5), chat(6)],
    },
    {
      title: 'a plain list replaces the active servers',
      line: 'Set-CsPersistentChatActiveServer -ActiveServers "chat1.dc1.example.org","chat2.dc1.example.org"',
      active: [chat(1), chat(2)],
    },
    {
      title: '-Swap exchanges the active and standby servers of pc1',
      line: 'Set-CsPersistentChatActiveServer -Swap',
      active: [chat(5), chat(6), chat(7), chat(8)],
      warnings: ['ActiveServerFarFromDatabase'],
    },
    {
      title: '-Force suppresses the warnings',
      line: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers $Null -Force',
      active: [],
    },
    {
      title: 'adding a server that is already active is a no-op with a warning',
      line: 'Set-CsPersistentChatActiveServer -ActiveServers @{Add="chat2.dc1.example.org"}',
      active: [chat(1), chat(2), chat(3), chat(4)],
      warnings: ['ServerAlreadyActive'],
    },
    {
      title: 'a fifth active server fails with ActiveServerLimit and changes nothing',
      line: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="chat5.dc2.example.org"}',
      active: [chat(1), chat(2), chat(3), chat(4)],
      errors: ['ActiveServerLimit'],
    },
    {
      title: 'a server outside the pool fails with NotPoolMember and changes nothing',
      line: 'Set-CsPersistentChatActiveServer -ActiveServers @{Replace="chat1.dc1.example.org","chat9.dc2.example.org"}',
      active: [chat(1), chat(2), chat(3), chat(4)],
      errors: ['NotPoolMember'],
    },
    {
      title: 'a malformed FQDN fails with InvalidValue',
      line: 'Set-CsPersistentChatActiveServer -ActiveServers @{Add="chat_9"}',
      active: [chat(1), chat(2), chat(3), chat(4)],
      errors: ['InvalidValue'],
    },
    {
      title: 'an unknown pool identity fails with PoolNotFound',
      line: 'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc9.dc1.example.org" -ActiveServers $Null',
      active: [chat(1), chat(2), chat(3), chat(4)],
      errors: ['PoolNotFound'],
    },
    {
      title: 'two pools with no pool named fail with PoolRequired',
      state: demo,
      line: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers $Null',
      active: [chat(1), chat(2), chat(3), chat(4)],
      errors: ['PoolRequired'],
    },
    {
      title: 'two pools, but the servers given imply pc1',
      state: demo,
      line: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Remove="chat1.dc1.example.org"}',
      active: [chat(2), chat(3), chat(4)],
    },
  ])('$title', async (c) => {
    const {runs, state} = await runLines(c.state ?? onePool, [...(c.before ?? []), c.line]);
    const run = runs.at(-1);
    expect(runs.slice(0, -1).flatMap((r) => r.errors)).toEqual([]);
    expect(errorIds(run)).toEqual(c.errors ?? []);
    expect(warningIds(run)).toEqual(c.warnings ?? []);
    if (c.active) expect(active(state)).toEqual(c.active);
  });

  it('keeps a backup before changing the list, and none when nothing changes', async () => {
    const {runs} = await runLines(onePool, [
      'Set-CsPersistentChatActiveServer -ActiveServers @{Remove="chat4.dc1.example.org"}',
      'Set-CsPersistentChatActiveServer -ActiveServers @{Remove="chat4.dc1.example.org"}',
    ]);
    expect(runs[0]?.effects.map((e) => e.kind)).toEqual(['backup']);
    expect(runs[0]?.targets).toEqual(['service:PersistentChatServer:pc1.dc1.example.org']);
    expect(runs[1]?.effects).toEqual([]);
    expect(runs[1]?.committed).toBe(false);
  });

  it('changes nothing under -WhatIf and says what it would do', async () => {
    const {runs, state} = await runLines(onePool, [
      'Set-CsPersistentChatActiveServer -ActiveServers $Null -WhatIf',
    ]);
    expect(state.revision).toBe(onePool.revision);
    expect(active(state)).toHaveLength(4);
    expect(runs[0]?.whatIf.join('\n')).toContain('service:PersistentChatServer:pc1.dc1.example.org');
  });

  it('refuses an operator without the active-servers permission', async () => {
    const {runs, state} = await runLines(onePool, ['Set-CsPersistentChatActiveServer -ActiveServers $Null'], {
      user: 'someone-else',
    });
    expect(errorIds(runs[0])).toEqual(['AccessDenied']);
    expect(active(state)).toHaveLength(4);
  });

  it('outputs nothing', async () => {
    const {runs} = await runLines(onePool, [
      'Set-CsPersistentChatActiveServer -ActiveServers @{Remove="chat3.dc1.example.org"}',
    ]);
    expect(runs[0]?.output).toEqual([]);
  });

  it('refuses -ActiveServers and -Swap together', async () => {
    const {runs} = await runLines(onePool, ['Set-CsPersistentChatActiveServer -ActiveServers $Null -Swap']);
    expect(errorIds(runs[0])).toEqual(['ParameterConflict']);
  });

  it('refuses a swap that would make five servers active', async () => {
    const pool = onePool.topology.persistentChatPools[0] as PersistentChatPool;
    const six: ChatState = {
      ...onePool,
      topology: {
        ...onePool.topology,
        persistentChatPools: [{...pool, servers: pool.servers.slice(0, 6), activeServers: [chat(1)]}],
      },
    };
    const {runs, state} = await runLines(six, ['Set-CsPersistentChatActiveServer -Swap']);
    expect(errorIds(runs[0])).toEqual(['ActiveServerLimit']);
    expect(active(state)).toEqual([chat(1)]);
  });
});
