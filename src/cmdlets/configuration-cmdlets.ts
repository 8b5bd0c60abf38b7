// Get/New/Set/Remove-CsPersistentChatConfiguration (topology-and-service.md section 3).

import {
  getConfigurations,
  newConfiguration,
  removeConfiguration,
  setConfiguration,
  type ConfigurationValues,
} from '../domain/configuration.js';
import type {ArgsOf, CmdletSpec, ParamSpec} from './types.js';
import {configurationObject, configurationValuesFromInstance} from './topology-output.js';
import {defineCmdlet} from './define-cmdlet.js';
import {instanceOf, instanceIdentity} from './target-identity.js';
import {forceParam, getParams} from './shared-params.js';

const valueParams = {
  DefaultChatHistory: {
    type: 'int',
    min: 1,
    max: 500,
    help: 'Messages a room shows at once when a user joins it (1 to 500; default 30). Older ones can still be searched.',
  },
  MaxFileSizeKB: {
    type: 'int',
    min: 0,
    max: 4294967295,
    help: 'Largest file, in KB, that can be uploaded to or downloaded from a room (default 20000).',
  },
  ParticipantUpdateLimit: {
    type: 'int',
    min: 0,
    max: 4294967295,
    help: 'Beyond this many people in a room the server stops sending roster updates (default 75).',
  },
  RoomManagementUrl: {
    type: 'string',
    nullable: true,
    help: 'Address of a custom room-management web site, sent to clients; $Null for the built-in experience.',
  },
} as const satisfies Record<string, ParamSpec>;

const values = (args: ArgsOf<typeof valueParams>): ConfigurationValues => {
  const url = args.RoomManagementUrl;
  return {
    ...(args.DefaultChatHistory !== undefined ? {defaultChatHistory: args.DefaultChatHistory} : {}),
    ...(args.MaxFileSizeKB !== undefined ? {maxFileSizeKB: args.MaxFileSizeKB} : {}),
    ...(args.ParticipantUpdateLimit !== undefined
      ? {participantUpdateLimit: args.ParticipantUpdateLimit}
      : {}),
    ...(url !== undefined ? {roomManagementUrl: url} : {}),
  };
};

const identityHelp = 'Global, site:<site name> or service:PersistentChatServer:<pool fqdn>.';

const getCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatConfiguration',
  summary:
    'Returns Persistent Chat configuration settings: chat history, file size, roster updates and room-management URL.',
  params: getParams('configuration', identityHelp, 'configuration'),
  parameterSets: ['Identity', 'Filter'],
  examples: [
    {
      code: 'Get-CsPersistentChatConfiguration',
      remarks: 'Every collection: Global, the site ones and the pool ones.',
    },
    {code: 'Get-CsPersistentChatConfiguration -Identity "site:DC1"', remarks: 'The settings of site DC1.'},
    {
      code: 'Get-CsPersistentChatConfiguration -Filter "service:*"',
      remarks: 'The collections of individual pools.',
    },
    {
      code: 'Get-CsPersistentChatConfiguration | Where-Object {$_.RoomManagementUrl -eq $Null}',
      remarks: 'The collections that use the built-in room management.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    for (const c of getConfigurations(ctx.state, {
      identity: args.Identity ?? null,
      filter: args.Filter ?? null,
    })) {
      ctx.write(configurationObject(c));
    }
  },
});

const newCmdlet = defineCmdlet({
  name: 'New-CsPersistentChatConfiguration',
  summary:
    'Creates Persistent Chat configuration settings for a site or a pool; unspecified values take the defaults.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      help: `Where the settings apply: site:<site name> or service:PersistentChatServer:<pool fqdn>.`,
    },
    ...valueParams,
    InMemory: {
      type: 'switch',
      help: 'Returns the new object without saving it; save it with Set-CsPersistentChatConfiguration -Instance.',
    },
    Force: forceParam,
  },
  examples: [
    {
      code: 'New-CsPersistentChatConfiguration -Identity "site:DC1" -ParticipantUpdateLimit 100',
      remarks: 'Creates Site:DC1 with ParticipantUpdateLimit 100; the other values are the defaults.',
    },
  ],
  permission: 'settings',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const inMemory = args.InMemory === true;
    const {state, output} = newConfiguration(ctx.state, {
      identity: args.Identity ?? '',
      values: values(args),
      rev: ctx.nextRevision,
      inMemory,
    });
    if (!inMemory) {
      if (!ctx.shouldProcess(output.identity, 'New-CsPersistentChatConfiguration')) return;
      ctx.setState(state, [output.identity]);
    }
    ctx.write(configurationObject(output));
  },
});

const setCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatConfiguration',
  summary: 'Changes Persistent Chat configuration settings; only the values given change.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      sets: ['Identity'],
      help: `${identityHelp} Omitted: Global.`,
      completes: 'configuration',
    },
    Instance: {
      type: 'object',
      sets: ['Instance'],
      required: ['Instance'],
      pipeline: 'value',
      help: 'A configuration object (from Get, or New -InMemory), usually piped in.',
    },
    ...valueParams,
    Force: forceParam,
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Set-CsPersistentChatConfiguration -Identity "global" -DefaultChatHistory 100',
      remarks: 'Rooms show 100 messages on joining.',
    },
    {
      code: 'Get-CsPersistentChatConfiguration -Filter "site:*" | Set-CsPersistentChatConfiguration -DefaultChatHistory 100',
      remarks: 'The same change for every site collection.',
    },
  ],
  permission: 'settings',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const instance = args.Identity !== undefined ? null : instanceOf(args);
    const {state, output} = setConfiguration(ctx.state, {
      identity: args.Identity ?? instanceIdentity(instance),
      values: {...(instance ? configurationValuesFromInstance(instance) : {}), ...values(args)},
      rev: ctx.nextRevision,
      fromInstance: instance !== null,
    });
    if (state === ctx.state) return;
    if (!ctx.shouldProcess(output.identity, 'Set-CsPersistentChatConfiguration')) return;
    ctx.setState(state, [output.identity]);
  },
});

const removeCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatConfiguration',
  summary:
    'Removes the configuration of a site or pool (they fall back to the site or Global settings); on Global it resets the defaults.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      pipeline: 'property',
      help: identityHelp,
      completes: 'configuration',
    },
    Force: forceParam,
  },
  examples: [
    {
      code: 'Remove-CsPersistentChatConfiguration -Identity "site:DC1"',
      remarks: 'Pools of DC1 fall back to the Global settings.',
    },
    {
      code: 'Get-CsPersistentChatConfiguration -Filter "site:*" | Remove-CsPersistentChatConfiguration',
      remarks: 'Removes every site collection.',
    },
  ],
  permission: 'settings',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const {state, output} = removeConfiguration(ctx.state, {
      identity: args.Identity ?? '',
      rev: ctx.nextRevision,
    });
    if (state === ctx.state) return;
    if (!ctx.shouldProcess(output.identity, 'Remove-CsPersistentChatConfiguration')) return;
    ctx.setState(state, [output.identity]);
  },
});

export const configurationCmdlets: readonly CmdletSpec[] = [getCmdlet, newCmdlet, setCmdlet, removeCmdlet];
