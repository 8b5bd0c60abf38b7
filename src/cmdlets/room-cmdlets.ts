// New/Set-CsPersistentChatRoom (rooms-and-content.md section 3) and the room cmdlet list: Get lives in
// content-room-get.ts, Clear and Remove in content-room-clear.ts, and
// Get-CsPersistentChatEligiblePrincipal in content-eligible-cmdlet.ts.

import {CmdletError} from '../domain/errors.js';
import {identityOf} from '../domain/content-identity.js';
import {newRoom, ROOM_INVITATIONS, ROOM_PRIVACY, ROOM_TYPES} from '../domain/rooms.js';
import {setRoom} from '../domain/room-set.js';
import type {CmdletSpec, ParamSpec} from './types.js';
import {roomObject} from './content-output.js';
import {getRoomCmdlet} from './content-room-get.js';
import {clearRoomCmdlet, removeRoomCmdlet} from './content-room-clear.js';
import {eligiblePrincipalCmdlet} from './content-eligible-cmdlet.js';
import {defineCmdlet} from './define-cmdlet.js';
import {targetIdentity} from './target-identity.js';
import {identityParams, asObjectParam} from './shared-params.js';
import {passWarnings} from './pass-warnings.js';

const enumParam = <const V extends readonly string[]>(values: V, help: string) =>
  ({type: 'enum', values, help}) as const satisfies ParamSpec;

const roleList = (help: string) =>
  ({
    type: 'listModifier',
    nullable: true,
    help: `${help} Takes @{Add=...; Remove=...; Replace=...}, a plain list (replace) or $Null (empty); entries must be in scope of the category.`,
    completes: 'principal',
  }) as const satisfies ParamSpec;

const newRoomCmdlet = defineCmdlet({
  name: 'New-CsPersistentChatRoom',
  summary:
    'Creates a chat room in an existing category; members, managers and presenters are assigned afterwards with Set-CsPersistentChatRoom.',
  params: {
    Name: {
      type: 'string',
      required: true,
      help: 'Name of the room, unique in its pool and different from every category name there.',
    },
    Category: {
      type: 'string',
      required: true,
      help: 'Category of the room: its name, or <pool>\\<name>.',
      completes: 'category',
    },
    PersistentChatPoolFqdn: {
      type: 'string',
      help: 'Pool of the room; implied by a category identity or a single pool.',
      completes: 'pool',
    },
    Description: {type: 'string', help: 'Free text describing the room.'},
    Type: enumParam(ROOM_TYPES, 'Normal (default) or Auditorium (only presenters post).'),
    Privacy: enumParam(ROOM_PRIVACY, 'Open, Closed (default) or Secret.'),
    Invitations: enumParam(ROOM_INVITATIONS, 'Inherit (default: follow the category) or False.'),
    // Documented both as Boolean and as a switch: a bare -Disabled binds as $True.
    Disabled: {type: 'bool', help: '$True (or the bare -Disabled) creates the room disabled.'},
    Addin: {
      type: 'string',
      help: 'Name of an add-in of the same pool to show beside the room.',
      completes: 'addin',
    },
  },
  examples: [
    {
      code: 'New-CsPersistentChatRoom -Name "ItRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "IT"',
      remarks:
        'Creates pc1.dc1.example.org\\ItRoom in IT: Normal, Closed, Inherit, enabled, no add-in, empty lists.',
    },
    {
      code: 'New-CsPersistentChatRoom -Name "AllHands" -Category "IT" -Type "Auditorium" -Privacy "Open" -Addin "ItDashboard"',
      remarks: 'Creates an open auditorium room with the ItDashboard add-in; presenters are assigned later.',
    },
    {
      code: 'New-CsPersistentChatRoom -Name "IT" -Category "IT"',
      remarks: 'Fails with NameConflict: a category is named IT.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const {state, output} = newRoom(ctx.state, {
      name: args.Name ?? '',
      category: args.Category ?? '',
      poolFqdn: args.PersistentChatPoolFqdn ?? null,
      description: args.Description ?? null,
      ...(args.Type !== undefined ? {type: args.Type} : {}),
      ...(args.Privacy !== undefined ? {privacy: args.Privacy} : {}),
      ...(args.Invitations !== undefined ? {invitations: args.Invitations} : {}),
      disabled: args.Disabled ?? false,
      addin: args.Addin ?? null,
      id: ctx.newId(),
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(identityOf(output), 'New-CsPersistentChatRoom')) return;
    ctx.setState(state, [identityOf(output)]);
    ctx.write(roomObject(state, output));
  },
});

const setRoomCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatRoom',
  summary:
    'Changes a room: settings, members, managers and presenters, enabled state, or its category (a move).',
  params: {
    ...identityParams('room', 'room', false),
    // Spec note: two operations articles pass the room identity as -PersistentChatPoolFqdn; that spelling is accepted.
    PersistentChatPoolFqdn: {
      type: 'string',
      sets: ['Identity'],
      help: 'Accepted only as a room identity (<pool>\\<room>), as some documented lines write it.',
    },
    Name: {type: 'string', help: 'New name (the identity changes with it).'},
    Category: {
      type: 'string',
      help: 'Move the room to this category of the same pool; entries the new category does not allow are purged.',
      completes: 'category',
    },
    Description: {type: 'string', nullable: true, help: 'New description; $Null or "" clears it.'},
    Type: enumParam(ROOM_TYPES, 'Normal or Auditorium; back to Normal clears the presenters.'),
    Privacy: enumParam(ROOM_PRIVACY, 'Open, Closed or Secret.'),
    Invitations: enumParam(ROOM_INVITATIONS, 'Inherit or False.'),
    Disabled: {
      type: 'bool',
      help: '$True disables the room (settings, members and history are kept); $False enables it again.',
    },
    Addin: {
      type: 'string',
      nullable: true,
      help: 'Add-in of the same pool; $Null or "" detaches it.',
      completes: 'addin',
    },
    Members: roleList('Members of the room; an empty list means the whole category scope.'),
    Managers: roleList('Managers of the room.'),
    Presenters: roleList('Presenters of an auditorium room; they must be members.'),
    AsObject: asObjectParam('the three lists'),
    Force: {type: 'switch', help: 'Do not show the warnings about purged principals and removed presenters.'},
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Disabled $True',
      remarks: 'Disables ItRoom; members, settings and messages are kept, and -Disabled $False restores it.',
    },
    {
      code: 'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Members @{Add="sip:carl@example.org", "CN=Users,DC=example,DC=org"}',
      remarks: 'Gives the auditorium ProjectsRoom two member entries (Projects must allow them).',
    },
    {
      code: 'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Presenters @{Add="sip:carl@example.org"}',
      remarks: 'Makes Carl, a member, a presenter.',
    },
    {
      code: 'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Managers @{Add="sip:fay@example.org"}',
      remarks: 'Makes Fay a manager.',
    },
    {
      code: 'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Managers @{Add="sip:dora@example.org"}',
      remarks: 'Fails with PrincipalNotInScope while Projects denies Dora; nothing changes.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const poolAsIdentity = args.PersistentChatPoolFqdn;
    if (poolAsIdentity !== undefined && (!poolAsIdentity.includes('\\') || args.Identity !== undefined)) {
      throw new CmdletError(
        'ParameterConflict',
        'Set-CsPersistentChatRoom has no pool parameter; give the room as -Identity <pool>\\<room>.',
        {
          parameter: 'PersistentChatPoolFqdn',
        },
      );
    }
    const {state, output, warnings} = setRoom(ctx.state, {
      identity: targetIdentity(args, poolAsIdentity),
      ...(args.Name !== undefined ? {name: args.Name} : {}),
      ...(args.Category !== undefined ? {category: args.Category} : {}),
      ...(args.Description !== undefined ? {description: args.Description} : {}),
      ...(args.Type !== undefined ? {type: args.Type} : {}),
      ...(args.Privacy !== undefined ? {privacy: args.Privacy} : {}),
      ...(args.Invitations !== undefined ? {invitations: args.Invitations} : {}),
      ...(args.Disabled !== undefined ? {disabled: args.Disabled} : {}),
      ...(args.Addin !== undefined ? {addin: args.Addin} : {}),
      members: args.Members,
      managers: args.Managers,
      presenters: args.Presenters,
      asObject: args.AsObject ?? false,
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(identityOf(output), 'Set-CsPersistentChatRoom')) return;
    if (state === ctx.state) return;
    ctx.setState(state, [identityOf(output)]);
    passWarnings(ctx, warnings, args.Force ?? false);
  },
});

export const roomCmdlets: readonly CmdletSpec[] = [
  getRoomCmdlet,
  newRoomCmdlet,
  setRoomCmdlet,
  clearRoomCmdlet,
  removeRoomCmdlet,
  eligiblePrincipalCmdlet,
];
