// Get-CsPersistentChatEligiblePrincipal (topology-and-service.md section 7.1): who may be given a
// role in a category or room, expanded through the directory with the rules room edits use.

import type {Category, ChatState, Room} from '../domain/types.js';
import {CmdletError} from '../domain/errors.js';
import {
  findByIdentity,
  findPool,
  sameText,
  splitIdentity,
  type ContentKind,
} from '../domain/content-identity.js';
import {eligiblePrincipals} from '../domain/eligibility.js';
import {textMatcher} from '../domain/room-query.js';
import {eligibleObject} from './content-output.js';
import {defineCmdlet} from './define-cmdlet.js';

/** A name, optionally narrowed to a pool; a name found in several pools needs the pool (PoolRequired). */
const lookup = <T extends Category | Room>(
  state: ChatState,
  items: readonly T[],
  ref: string,
  pool: string | undefined,
  kind: ContentKind,
): T => {
  const inPool =
    pool === undefined || splitIdentity(ref).pool !== null
      ? items
      : items.filter((i) => sameText(i.poolFqdn, findPool(state, pool).fqdn));
  try {
    return findByIdentity(inPool, ref, kind, kind);
  } catch (error) {
    if (error instanceof CmdletError && error.errorId === 'AmbiguousIdentity') {
      throw new CmdletError(
        'PoolRequired',
        `${error.message} Or name the pool with -PersistentChatPoolFqdn.`,
        {target: ref, parameter: 'PersistentChatPoolFqdn'},
      );
    }
    throw error;
  }
};

export const eligiblePrincipalCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatEligiblePrincipal',
  summary:
    "Lists the users, groups, OUs and domains that may be given a role in a category or room: the category's allowed principals minus the denied ones, expanded through the directory.",
  params: {
    Category: {
      type: 'string',
      required: ['Category'],
      sets: ['Category'],
      help: 'Category whose creators-eligible principals to list (name or identity).',
      completes: 'category',
    },
    Room: {
      type: 'string',
      required: ['Room'],
      sets: ['Room'],
      help: 'Room whose members to list (its Members, or the whole category scope when empty).',
      completes: 'room',
    },
    PersistentChatPoolFqdn: {
      type: 'string',
      help: 'Pool of the category or room; needed when the name exists in several pools.',
      completes: 'pool',
    },
    Presenters: {type: 'switch', sets: ['Room'], help: 'Principals that may present in an auditorium room.'},
    Filter: {type: 'string', help: 'Wildcard pattern on SIP addresses, for example *smith*.'},
    ResultSize: {type: 'int', help: 'At most this many principals (0 to 2147483647; 0 returns none).'},
  },
  parameterSets: ['Category', 'Room'],
  examples: [
    {
      code: 'Get-CsPersistentChatEligiblePrincipal -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "ITChat"',
      remarks: 'Lists everyone who may be given a role in ITChat.',
    },
    {
      code: 'Get-CsPersistentChatEligiblePrincipal -Room "HelpDeskChatRoom" -Presenters | Where-Object {$_.PersistentChatPrincipalType -ne "user"}',
      remarks: 'Lists the groups, OUs and domains that may present in the auditorium HelpDeskChatRoom.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    if ((args.Category !== undefined) === (args.Room !== undefined)) {
      throw new CmdletError('ParameterConflict', 'Give exactly one of -Category and -Room.', {
        parameter: 'Category',
      });
    }
    const pool = args.PersistentChatPoolFqdn;
    const size = args.ResultSize;
    if (size !== undefined && (!Number.isInteger(size) || size < 0)) {
      throw new CmdletError(
        'InvalidValue',
        `ResultSize must be a whole number from 0 to 2147483647, not ${size}.`,
        {parameter: 'ResultSize'},
      );
    }
    const presenters = args.Presenters ?? false;
    const query =
      args.Room !== undefined
        ? {room: lookup(ctx.state, ctx.state.rooms, args.Room ?? '', pool, 'Room'), presenters}
        : {
            category: lookup(ctx.state, ctx.state.categories, args.Category ?? '', pool, 'Category'),
            presenters,
          };
    const filter = args.Filter;
    const matches =
      filter === undefined
        ? () => true
        : textMatcher(filter.includes('*') || filter.includes('?') ? filter : `*${filter}*`);
    const found = eligiblePrincipals(ctx.state, query).filter(
      (p) => filter === undefined || matches(p.sipAddress),
    );
    for (const p of size === undefined ? found : found.slice(0, size)) ctx.write(eligibleObject(p));
  },
});
