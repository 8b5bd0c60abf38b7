// Get/New/Set/Remove-CsPersistentChatAddin (rooms-and-content.md section 4).

import {getAddins, newAddin, removeAddin, setAddin} from '../domain/addins.js';
import {identityOf} from '../domain/content-identity.js';
import type {CmdletSpec} from './types.js';
import {addinObject} from './content-output.js';
import {defineCmdlet} from './define-cmdlet.js';
import {targetIdentity} from './target-identity.js';
import {identityParams} from './shared-params.js';

const getAddinCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatAddin',
  summary: 'Returns registered Persistent Chat add-ins: all of them, those of one pool, or one by identity.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      sets: ['Identity'],
      help: 'Identity of the add-in (<pool>\\<name>).',
      completes: 'addin',
    },
    PersistentChatPoolFqdn: {
      type: 'string',
      sets: ['Pool'],
      help: 'Only the add-ins of this pool.',
      completes: 'pool',
    },
  },
  parameterSets: ['Identity', 'Pool'],
  examples: [
    {code: 'Get-CsPersistentChatAddin', remarks: 'Lists every add-in in every pool.'},
    {
      code: 'Get-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItDashboard"',
      remarks: 'Returns the add-in ItDashboard.',
    },
    {
      code: 'Get-CsPersistentChatAddin -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      remarks: 'Lists the add-ins of pc1.dc1.example.org.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const found = getAddins(ctx.state, {
      ...(args.Identity !== undefined ? {identity: args.Identity} : {}),
      ...(args.PersistentChatPoolFqdn !== undefined ? {poolFqdn: args.PersistentChatPoolFqdn} : {}),
    });
    for (const addin of found) ctx.write(addinObject(addin));
  },
});

const newAddinCmdlet = defineCmdlet({
  name: 'New-CsPersistentChatAddin',
  summary: 'Registers an add-in: a web page that clients show beside the chat rooms that use it.',
  params: {
    Name: {type: 'string', required: true, help: 'Name of the add-in, unique in its pool.'},
    Url: {type: 'string', required: true, help: 'Absolute http:// or https:// address of the add-in page.'},
    PersistentChatPoolFqdn: {
      type: 'string',
      help: 'Pool of the add-in; needed only when there are several pools.',
      completes: 'pool',
    },
  },
  examples: [
    {
      code: 'New-CsPersistentChatAddin -Name "ItDashboard" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Url "https://pc1.dc1.example.org/itdash"',
      remarks: 'Registers pc1.dc1.example.org\\ItDashboard.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const {state, output} = newAddin(ctx.state, {
      name: args.Name ?? '',
      url: args.Url ?? '',
      poolFqdn: args.PersistentChatPoolFqdn ?? null,
      id: ctx.newId(),
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(identityOf(output), 'New-CsPersistentChatAddin')) return;
    ctx.setState(state, [identityOf(output)]);
    ctx.write(addinObject(output));
  },
});

const setAddinCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatAddin',
  summary: "Changes an add-in's name or URL; rooms that use it keep it.",
  params: {
    ...identityParams('addin', 'add-in'),
    Name: {type: 'string', help: 'New name, unique in the pool.'},
    Url: {type: 'string', help: 'New absolute http:// or https:// address.'},
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Set-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItDashboard" -Url "https://pc1.dc1.example.org/itdash2"',
      remarks: 'Only the URL changes; rooms using ItDashboard now point clients at the new address.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const name = args.Name;
    const url = args.Url;
    const {state, output} = setAddin(ctx.state, {
      identity: targetIdentity(args),
      ...(name !== undefined ? {name} : {}),
      ...(url !== undefined ? {url} : {}),
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(identityOf(output), 'Set-CsPersistentChatAddin')) return;
    if (state !== ctx.state) ctx.setState(state, [identityOf(output)]);
  },
});

const removeAddinCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatAddin',
  summary: 'Removes an add-in; one that rooms still use needs -Force, which detaches it from them.',
  params: {
    ...identityParams('addin', 'add-in'),
    Force: {
      type: 'switch',
      help: 'Remove the add-in even though rooms use it; their Addin property is cleared.',
    },
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Remove-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItStatusAddin"',
      remarks: 'Removes the unused add-in ItStatusAddin.',
    },
    {
      code: 'Get-CsPersistentChatAddin | Remove-CsPersistentChatAddin',
      remarks:
        'Removes every unused add-in; those in use report AddinInUse (add -Force to remove them and detach their rooms).',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const force = args.Force ?? false;
    const {state, output, detached} = removeAddin(ctx.state, {
      identity: targetIdentity(args),
      force,
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(identityOf(output), 'Remove-CsPersistentChatAddin')) return;
    ctx.setState(state, [identityOf(output), ...detached]);
  },
});

export const addinCmdlets: readonly CmdletSpec[] = [
  getAddinCmdlet,
  newAddinCmdlet,
  setAddinCmdlet,
  removeAddinCmdlet,
];
