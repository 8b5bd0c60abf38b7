// Get/New/Set/Remove-CsPersistentChatComplianceConfiguration (topology-and-service.md section 4).

import {
  complianceWarnings,
  getComplianceConfigurations,
  newComplianceConfiguration,
  removeComplianceConfiguration,
  setComplianceConfiguration,
  type ComplianceValues,
} from '../domain/compliance.js';
import type {ArgsOf, CmdletSpec, ParamSpec} from './types.js';
import {complianceObject, complianceValuesFromInstance} from './topology-output.js';
import {defineCmdlet} from './define-cmdlet.js';
import {instanceOf, instanceIdentity} from './target-identity.js';
import {forceParam, getParams} from './shared-params.js';
import {passWarnings} from './pass-warnings.js';

const text = (help: string) => ({type: 'string', nullable: true, help}) as const satisfies ParamSpec;
const flag = (help: string) => ({type: 'bool', help}) as const satisfies ParamSpec;

const valueParams = {
  AdapterType: text(
    'The adapter: XML (the built-in one) or a .NET type name Namespace.Type,Assembly; $Null turns output off.',
  ),
  AdapterName: text('Name of the adapter.'),
  AdapterOutputDirectory: text(
    'Full path of the folder the adapter writes to; each adapter needs its own folder.',
  ),
  CustomConfiguration: text('XSLT text that reshapes the XML output.'),
  OneChatRoomPerOutputFile: flag('$True writes a separate output file for each chat room.'),
  AddChatRoomDetails: flag('$True adds details about each room to the output (can make it much larger).'),
  AddUserDetails: flag('$True adds details about each user to the output (can make it much larger).'),
  CreateFileAttachmentsManifest: flag('$True also writes .ATTACH files that track file transfers.'),
  RunInterval: {
    type: 'timespan',
    min: 60,
    max: 30 * 86_400,
    help: 'Time between output files, 00:01:00 to 30.00:00:00 (default 00:15:00).',
  },
} as const satisfies Record<string, ParamSpec>;

const STRINGS = {
  AdapterType: 'adapterType',
  AdapterName: 'adapterName',
  AdapterOutputDirectory: 'adapterOutputDirectory',
  CustomConfiguration: 'customConfiguration',
} as const;
const BOOLEANS = {
  OneChatRoomPerOutputFile: 'oneChatRoomPerOutputFile',
  AddChatRoomDetails: 'addChatRoomDetails',
  AddUserDetails: 'addUserDetails',
  CreateFileAttachmentsManifest: 'createFileAttachmentsManifest',
} as const;

const values = (args: ArgsOf<typeof valueParams>): ComplianceValues => {
  const out: Record<string, unknown> = {};
  for (const param of Object.keys(STRINGS) as (keyof typeof STRINGS)[]) {
    const value = args[param];
    if (value !== undefined) out[STRINGS[param]] = value;
  }
  for (const param of Object.keys(BOOLEANS) as (keyof typeof BOOLEANS)[]) {
    const value = args[param];
    if (value !== undefined) out[BOOLEANS[param]] = value;
  }
  if (args.RunInterval !== undefined) out['runIntervalSeconds'] = args.RunInterval;
  return out;
};

const identityHelp = 'Global, site:<site name> or service:PersistentChatServer:<pool fqdn>.';

const getCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatComplianceConfiguration',
  summary: 'Returns Persistent Chat compliance settings: the adapter, its output and how often it runs.',
  params: getParams('compliance configuration', identityHelp, 'compliance'),
  parameterSets: ['Identity', 'Filter'],
  examples: [
    {code: 'Get-CsPersistentChatComplianceConfiguration', remarks: 'Every compliance collection.'},
    {
      code: 'Get-CsPersistentChatComplianceConfiguration -Identity "site:DC1"',
      remarks: 'The compliance settings of site DC1.',
    },
    {
      code: 'Get-CsPersistentChatComplianceConfiguration -Filter "service:*"',
      remarks: 'The collections of individual pools.',
    },
    {
      code: 'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.OneChatRoomPerOutputFile -eq $True}',
      remarks: 'The collections that write one file per room.',
    },
    {
      code: 'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.CustomConfiguration -ne $Null}',
      remarks: 'The collections that reshape the output with their own XSLT.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    for (const c of getComplianceConfigurations(ctx.state, {
      identity: args.Identity ?? null,
      filter: args.Filter ?? null,
    })) {
      ctx.write(complianceObject(c));
    }
  },
});

const newCmdlet = defineCmdlet({
  name: 'New-CsPersistentChatComplianceConfiguration',
  summary: 'Creates compliance settings for a site or a pool; unspecified values take the defaults.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      help: 'Where the settings apply: site:<site name> or service:PersistentChatServer:<pool fqdn>.',
    },
    ...valueParams,
    InMemory: {
      type: 'switch',
      help: 'Returns the new object without saving it; save it with Set-CsPersistentChatComplianceConfiguration -Instance.',
    },
    Force: forceParam,
  },
  examples: [
    {
      code: 'New-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -AddUserDetails $True -AddChatRoomDetails $True',
      remarks: 'Site DC1 gets compliance output with user and room details.',
    },
    {
      code: 'New-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -RunInterval "00:30:00"',
      remarks: 'Site DC1 gets an output file every 30 minutes.',
    },
  ],
  permission: 'settings',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const inMemory = args.InMemory === true;
    const {state, output} = newComplianceConfiguration(ctx.state, {
      identity: args.Identity ?? '',
      values: values(args),
      rev: ctx.nextRevision,
      inMemory,
    });
    if (!inMemory) {
      passWarnings(ctx, complianceWarnings(state, output), args.Force);
      if (!ctx.shouldProcess(output.identity, 'New-CsPersistentChatComplianceConfiguration')) return;
      ctx.setState(state, [output.identity]);
    }
    ctx.write(complianceObject(output));
  },
});

const setCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatComplianceConfiguration',
  summary: 'Changes compliance settings; only the values given change.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      sets: ['Identity'],
      help: `${identityHelp} Omitted: Global.`,
      completes: 'compliance',
    },
    Instance: {
      type: 'object',
      sets: ['Instance'],
      required: ['Instance'],
      pipeline: 'value',
      help: 'A compliance object (from Get, or New -InMemory), usually piped in.',
    },
    ...valueParams,
    Force: forceParam,
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Set-CsPersistentChatComplianceConfiguration -Identity "global" -RunInterval "00:10:00"',
      remarks: 'Output every 10 minutes.',
    },
    {
      code: 'Get-CsPersistentChatComplianceConfiguration -Filter "site:*" | Set-CsPersistentChatComplianceConfiguration -AddUserDetails $True',
      remarks: 'Every site collection adds user details.',
    },
  ],
  permission: 'settings',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const instance = args.Identity !== undefined ? null : instanceOf(args);
    const {state, output} = setComplianceConfiguration(ctx.state, {
      identity: args.Identity ?? instanceIdentity(instance),
      values: {...(instance ? complianceValuesFromInstance(instance) : {}), ...values(args)},
      rev: ctx.nextRevision,
      fromInstance: instance !== null,
    });
    if (state === ctx.state) return;
    passWarnings(ctx, complianceWarnings(state, output), args.Force);
    if (!ctx.shouldProcess(output.identity, 'Set-CsPersistentChatComplianceConfiguration')) return;
    ctx.setState(state, [output.identity]);
  },
});

const removeCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatComplianceConfiguration',
  summary: 'Removes the compliance settings of a site or pool; on Global it resets the defaults.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      pipeline: 'property',
      help: identityHelp,
      completes: 'compliance',
    },
    Force: forceParam,
  },
  examples: [
    {
      code: 'Remove-CsPersistentChatComplianceConfiguration -Identity "site:DC1"',
      remarks: 'Pools of DC1 fall back to the Global compliance settings.',
    },
    {
      code: 'Get-CsPersistentChatComplianceConfiguration -Filter "site:*" | Remove-CsPersistentChatComplianceConfiguration',
      remarks: 'Removes every site collection.',
    },
    {
      code: 'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.AddUserDetails -eq $True} | Remove-CsPersistentChatComplianceConfiguration',
      remarks:
        'Removes the collections that add user details (the reference spells the property AddUserDetals, which matches nothing).',
    },
  ],
  permission: 'settings',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const {state, output} = removeComplianceConfiguration(ctx.state, {
      identity: args.Identity ?? '',
      rev: ctx.nextRevision,
    });
    if (state === ctx.state) return;
    if (!ctx.shouldProcess(output.identity, 'Remove-CsPersistentChatComplianceConfiguration')) return;
    ctx.setState(state, [output.identity]);
  },
});

export const complianceCmdlets: readonly CmdletSpec[] = [getCmdlet, newCmdlet, setCmdlet, removeCmdlet];
