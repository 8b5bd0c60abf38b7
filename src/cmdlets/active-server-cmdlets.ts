// Set-CsPersistentChatActiveServer, Get-CsPersistentChatState and Set-CsPersistentChatState
// (topology-and-service.md section 2).

import {setActiveServers} from '../domain/active-servers.js';
import {poolStateIdentity} from '../domain/identity.js';
import {getPoolStates, setPoolState} from '../domain/pool-state.js';
import type {CmdletSpec} from './types.js';
import {defineCmdlet} from './define-cmdlet.js';
import {instanceOf, instanceIdentity} from './target-identity.js';
import {forceParam, getParams} from './shared-params.js';
import {passWarnings} from './pass-warnings.js';

const setActiveServerCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatActiveServer',
  summary: 'Sets which servers of a Persistent Chat pool are active, that is, accept new client connections.',
  description:
    'At most four servers of a pool are active. Inactive servers keep the sessions they have but take no new ones. ' +
    'The change is checked on the resulting list as a whole: nothing changes unless every server belongs to the pool ' +
    'and no more than four are active.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      help:
        'The pool: service:PersistentChatServer:<fqdn> (or PersistentChatServer:<fqdn>, service:<fqdn>). "global" or any other ' +
        'label means the only pool, or the pool the given servers belong to.',
      completes: 'pool',
    },
    ActiveServers: {
      type: 'listModifier',
      sets: ['Explicit'],
      nullable: true,
      help: 'Server FQDNs: @{Add=...}, @{Remove=...}, @{Replace=...}, a plain list (replaces the list), or $Null (no server active).',
      completes: 'server',
    },
    Swap: {
      type: 'switch',
      sets: ['Swap'],
      help: 'Makes every active server inactive and every inactive server active.',
    },
    Force: forceParam,
  },
  parameterSets: ['Explicit', 'Swap'],
  examples: [
    {
      code: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Add="chat1.dc1.example.org"}',
      remarks:
        'chat1 joins the active list of the only pool (allowed only while fewer than four servers are active).',
    },
    {
      code: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers @{Remove="chat1.dc1.example.org"}',
      remarks: 'chat1 leaves the active list; it keeps its existing sessions but takes no new ones.',
    },
    {
      code: 'Set-CsPersistentChatActiveServer -Identity "global" -ActiveServers $Null',
      remarks: 'No server is active (with a warning): the first step of failback.',
    },
    {
      code: 'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -ActiveServers @{Replace="chat5.dc2.example.org","chat6.dc2.example.org"}',
      remarks: 'After a failover, the servers in the backup data centre become the active ones.',
    },
    {
      code: 'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -Swap',
      remarks: 'Exchanges the active and standby servers of pc1.dc1.example.org.',
    },
  ],
  permission: 'activeServers',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const change = args.ActiveServers;
    const {state, output} = setActiveServers(ctx.state, {
      identity: args.Identity ?? null,
      ...(change !== undefined ? {activeServers: change} : {}),
      swap: args.Swap === true,
    });
    passWarnings(ctx, output.warnings, args.Force);
    if (!output.changed) return;
    const target = poolStateIdentity(output.pool.fqdn);
    if (!ctx.shouldProcess(target, 'Set-CsPersistentChatActiveServer')) return;
    ctx.effect({kind: 'backup', reason: `Set-CsPersistentChatActiveServer on ${output.pool.fqdn}`});
    ctx.setState(state, [target]);
  },
});

const getStateCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatState',
  summary:
    'Shows whether each Persistent Chat pool runs on its primary databases (Normal) or its backup databases (FailedOver).',
  params: getParams('pool state', 'PersistentChatServer:<pool fqdn>, service:<pool fqdn>', 'pool'),
  parameterSets: ['Identity', 'Filter'],
  examples: [
    {code: 'Get-CsPersistentChatState', remarks: 'The state of every pool.'},
    {
      code: 'Get-CsPersistentChatState -Identity "PersistentChatServer:pc1.dc1.example.org"',
      remarks: 'The state of pc1.dc1.example.org only.',
    },
    {
      code: 'Get-CsPersistentChatState | Where-Object {$_.PoolState -eq "FailedOver"}',
      remarks: 'Only the pools that are failed over.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const views = getPoolStates(ctx.state, {
      identity: args.Identity ?? null,
      filter: args.Filter ?? null,
    });
    for (const v of views) ctx.write({Identity: v.identity, PoolState: v.poolState});
  },
});

const setStateCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatState',
  summary:
    'Switches a Persistent Chat pool between its primary databases (Normal) and its backup databases (FailedOver).',
  description:
    'Failing over needs a backup store in the topology. The active servers are not changed: set them with ' +
    'Set-CsPersistentChatActiveServer as the next step of the procedure.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      sets: ['Identity'],
      pipeline: 'property',
      help: 'The pool: PersistentChatServer:<fqdn>, service:<fqdn> or service:PersistentChatServer:<fqdn>. Omitted: the only pool.',
      completes: 'pool',
    },
    Instance: {
      type: 'object',
      sets: ['Instance'],
      required: ['Instance'],
      pipeline: 'value',
      help: 'A state object from Get-CsPersistentChatState, usually piped in.',
    },
    PoolState: {
      type: 'enum',
      values: ['Normal', 'FailedOver'],
      help: 'Normal (primary databases) or FailedOver (backup databases).',
    },
    Force: forceParam,
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Set-CsPersistentChatState -Identity "PersistentChatServer:pc1.dc1.example.org" -PoolState "FailedOver"',
      remarks: 'pc1.dc1.example.org now uses its backup database (failover step 5).',
    },
    {
      code: 'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState Normal',
      remarks: 'The last step of failback.',
    },
  ],
  permission: 'poolState',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const instance = args.Identity !== undefined ? null : instanceOf(args);
    const {state, output} = setPoolState(ctx.state, {
      identity: args.Identity ?? null,
      instanceIdentity: instanceIdentity(instance),
      poolState: args.PoolState ?? null,
    });
    if (!output.changed) return;
    passWarnings(ctx, output.warnings, args.Force);
    const target = poolStateIdentity(output.pool.fqdn);
    if (!ctx.shouldProcess(target, 'Set-CsPersistentChatState')) return;
    ctx.effect({
      kind: 'backup',
      reason: `Set-CsPersistentChatState ${output.pool.poolState} on ${output.pool.fqdn}`,
    });
    ctx.setState(state, [target]);
  },
});

export const activeServerCmdlets: readonly CmdletSpec[] = [
  setActiveServerCmdlet,
  getStateCmdlet,
  setStateCmdlet,
];
