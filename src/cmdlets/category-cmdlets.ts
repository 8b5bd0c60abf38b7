// Get/New/Set/Remove-CsPersistentChatCategory (rooms-and-content.md section 2).

import {getCategories, newCategory, removeCategory, setCategory} from '../domain/categories.js';
import {identityOf} from '../domain/content-identity.js';
import type {CmdletSpec, ParamSpec} from './types.js';
import {categoryObject} from './content-output.js';
import {defineCmdlet} from './define-cmdlet.js';
import {targetIdentity} from './target-identity.js';
import {identityParams, asObjectParam} from './shared-params.js';
import {keepRemoved, UNDO_REMARK} from './message-log.js';

const poolParam = (sets?: readonly string[]) =>
  ({
    type: 'string',
    help: 'FQDN of the Persistent Chat pool; may be omitted when the deployment has only one pool.',
    completes: 'pool',
    ...(sets ? {sets} : {}),
  }) as const satisfies ParamSpec;

const listParam = (help: string) =>
  ({
    type: 'listModifier',
    nullable: true,
    help: `${help} Takes @{Add=...; Remove=...; Replace=...}, a plain list (replace) or $Null (empty). Principals: SIP addresses and DNs of users, groups, OUs, containers and domains.`,
    completes: 'principal',
  }) as const satisfies ParamSpec;

const getCategory = defineCmdlet({
  name: 'Get-CsPersistentChatCategory',
  summary: 'Returns Persistent Chat categories: all of them, those of one pool, or one by identity.',
  params: {
    Identity: {
      type: 'string',
      help: 'Identity of the category (<pool>\\<name>, or a name unique across pools).',
      position: 0,
      sets: ['Identity'],
      completes: 'category',
    },
    PersistentChatPoolFqdn: poolParam(['Pool']),
    AsObject: asObjectParam('AllowedMembers, DeniedMembers and Creators'),
  },
  parameterSets: ['Identity', 'Pool'],
  examples: [
    {code: 'Get-CsPersistentChatCategory', remarks: 'Lists every category in every pool.'},
    {
      code: 'Get-CsPersistentChatCategory -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      remarks: 'Lists only the categories of pc1.dc1.example.org.',
    },
    {
      code: 'Get-CsPersistentChatCategory | Where-Object {$_.Invites -eq $False}',
      remarks: 'Lists the categories whose invitations flag is off.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const found = getCategories(ctx.state, {
      ...(args.Identity !== undefined ? {identity: args.Identity} : {}),
      ...(args.PersistentChatPoolFqdn !== undefined ? {poolFqdn: args.PersistentChatPoolFqdn} : {}),
    });
    for (const category of found) ctx.write(categoryObject(ctx.state, category, args.AsObject ?? false));
  },
});

const newCategoryCmdlet = defineCmdlet({
  name: 'New-CsPersistentChatCategory',
  summary:
    'Creates an empty Persistent Chat category in a pool; access lists are set afterwards with Set-CsPersistentChatCategory.',
  params: {
    Name: {
      type: 'string',
      required: true,
      help: 'Name of the category, unique in its pool and different from every room name there (at most 256 characters, no backslash).',
    },
    PersistentChatPoolFqdn: poolParam(),
    Description: {type: 'string', help: 'Free text describing the category (at most 1024 characters).'},
    EnableFileUpload: {type: 'switch', help: 'Allow files to be posted in the rooms of this category.'},
    EnableInvitations: {
      type: 'switch',
      help: 'Let the rooms of this category send invitations to new members.',
    },
    RemoveChatHistory: {
      type: 'switch',
      help: 'Do not keep the message history of the rooms of this category.',
    },
  },
  examples: [
    {
      code: 'New-CsPersistentChatCategory -Name "HelpDesk" -PersistentChatPoolFqdn "pc1.dc1.example.org" -EnableFileUpload',
      remarks:
        'Adds pc1.dc1.example.org\\HelpDesk with file upload on, invitations off, history kept and empty lists.',
    },
    {
      code: 'New-CsPersistentChatCategory -Name "Announcements" -RemoveChatHistory -EnableInvitations',
      remarks: 'With one pool: a category that sends invitations and keeps no history.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const {state, output} = newCategory(ctx.state, {
      name: args.Name ?? '',
      poolFqdn: args.PersistentChatPoolFqdn ?? null,
      description: args.Description ?? null,
      enableFileUpload: args.EnableFileUpload ?? false,
      enableInvitations: args.EnableInvitations ?? false,
      removeChatHistory: args.RemoveChatHistory ?? false,
      id: ctx.newId(),
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(identityOf(output), 'New-CsPersistentChatCategory')) return;
    ctx.setState(state, [identityOf(output)]);
    ctx.write(categoryObject(state, output));
  },
});

const setCategoryCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatCategory',
  summary:
    "Changes a category's name, description, feature flags and access lists, all at once or not at all.",
  params: {
    ...identityParams('category', 'category'),
    Name: {type: 'string', help: 'New name (unique in the pool, different from every room name there).'},
    Description: {type: 'string', nullable: true, help: 'New description; $Null or "" clears it.'},
    Invitations: {
      type: 'bool',
      help: '$True lets the rooms of this category send invitations; $False stops them.',
    },
    FileUpload: {type: 'bool', help: '$False forbids posting files in every room of the category.'},
    ChatHistory: {
      type: 'bool',
      help: '$False stops keeping new messages as room history (existing messages stay).',
    },
    AllowedMembers: listParam('Principals in scope of the category.'),
    DeniedMembers: listParam('Principals excluded from the category, even when allowed.'),
    Creators: listParam(
      'Principals who may create rooms in the category; they must be allowed and not denied.',
    ),
    AsObject: asObjectParam('the three lists'),
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Set-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\helpdesk" -FileUpload $False',
      remarks: 'Files can no longer be posted in the rooms of HelpDesk.',
    },
    {
      code: 'Set-CsPersistentChatCategory -Identity "Projects" -AllowedMembers @{Add="sip:carl@example.org", "CN=Users,DC=example,DC=org"} -DeniedMembers @{Add="sip:dora@example.org"}',
      remarks: 'Projects allows Carl and everyone under the Users container, except Dora.',
    },
    {
      code: 'Set-CsPersistentChatCategory -Identity "Projects" -Creators @{Add="sip:eve@example.org"}',
      remarks:
        'Fails with PrincipalNotInScope when Eve is not covered by the AllowedMembers of Projects; nothing changes.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const identity = targetIdentity(args);
    const invitations = args.Invitations;
    const fileUpload = args.FileUpload;
    const chatHistory = args.ChatHistory;
    const description = args.Description;
    const name = args.Name;
    const {state, output} = setCategory(ctx.state, {
      identity,
      ...(name !== undefined ? {name} : {}),
      ...(description !== undefined ? {description} : {}),
      ...(invitations !== undefined ? {invitations} : {}),
      ...(fileUpload !== undefined ? {fileUpload} : {}),
      ...(chatHistory !== undefined ? {chatHistory} : {}),
      allowedMembers: args.AllowedMembers,
      deniedMembers: args.DeniedMembers,
      creators: args.Creators,
      asObject: args.AsObject ?? false,
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(identityOf(output), 'Set-CsPersistentChatCategory')) return;
    if (state !== ctx.state) ctx.setState(state, [identityOf(output)]);
  },
});

const removeCategoryCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatCategory',
  summary: 'Deletes a category that holds no rooms (enabled or disabled).',
  description: UNDO_REMARK,
  params: {
    ...identityParams('category', 'category'),
    Force: {
      type: 'switch',
      help: 'Accepted for compatibility; it never removes a category that still holds rooms.',
    },
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Remove-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\helpdesk"',
      remarks:
        'Deletes HelpDesk, which holds no rooms; Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup brings it back.',
    },
    {
      code: 'Get-CsPersistentChatCategory | Remove-CsPersistentChatCategory',
      remarks:
        'Deletes every empty category; each category that still holds rooms reports CategoryNotEmpty and stays.',
    },
    {
      code: 'Remove-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\IT"',
      remarks: 'Fails with CategoryNotEmpty while ItRoom is in IT.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const {state, output} = removeCategory(ctx.state, {identity: targetIdentity(args)});
    if (!ctx.shouldProcess(identityOf(output), 'Remove-CsPersistentChatCategory')) return;
    keepRemoved(ctx, {categories: [output]});
    ctx.setState(state, [identityOf(output)]);
  },
});

export const categoryCmdlets: readonly CmdletSpec[] = [
  getCategory,
  newCategoryCmdlet,
  setCategoryCmdlet,
  removeCategoryCmdlet,
];
