// Remove-CsPersistentChatMessage, Test-CsPersistentChatMessage (rooms-and-content.md section 5)
// and Get-PcChatMessage, the administrator's view of a room's messages (contract section 2).

import {CmdletError} from '../domain/errors.js';
import {identityOf} from '../domain/content-identity.js';
import {
  authorSip,
  DEFAULT_REPLACEMENT,
  endBound,
  messageMatcher,
  removeMessagesRewrite,
  startBound,
  type MatchClause,
  type MessageCriteria,
} from '../domain/messages.js';
import type {MessageQuery} from '../domain/ports.js';
import {findRoomByUriOrIdentity} from '../domain/rooms.js';
import type {CmdletSpec, DateArg} from './types.js';
import {messageObject} from './content-output.js';
import {testMessageCmdlet} from './content-test-message-cmdlet.js';
import {defineCmdlet} from './define-cmdlet.js';
import {messageCount, keepRemoved, UNDO_REMARK} from './message-log.js';

/** The criteria shared by Remove-CsPersistentChatMessage and Get-PcChatMessage. */
interface CriteriaArgs {
  readonly UserUri?: string;
  readonly StartDate?: DateArg;
  readonly EndDate?: DateArg;
  readonly Filter?: string;
  readonly MatchClause?: MatchClause;
  readonly CaseSensitive?: boolean;
}

const criteriaOf = (args: CriteriaArgs): MessageCriteria => {
  const start = args.StartDate;
  const end = args.EndDate;
  const user = args.UserUri;
  const filter = args.Filter;
  return {
    ...(user !== undefined ? {author: authorSip(user)} : {}),
    ...(start ? {from: startBound(start)} : {}),
    ...(end ? {to: endBound(end)} : {}),
    ...(filter !== undefined
      ? {
          filter,
          matchClause: args.MatchClause ?? 'All',
          caseSensitive: args.CaseSensitive ?? false,
        }
      : {}),
  };
};

/** What the message log can narrow down by itself; the matcher decides the rest. */
const scanQuery = (roomId: string, c: MessageCriteria, limit?: number): MessageQuery => ({
  roomIds: [roomId],
  ...(c.author !== undefined ? {author: c.author} : {}),
  ...(c.from !== undefined ? {from: new Date(c.from).toISOString()} : {}),
  ...(c.to !== undefined ? {to: new Date(c.to).toISOString()} : {}),
  ...(limit !== undefined ? {limit} : {}),
});

const removeMessageCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatMessage',
  summary:
    'Takes selected messages out of a room: replaces their text (by default with a standard notice) or, with -Remove, deletes them.',
  description: UNDO_REMARK,
  params: {
    Identity: {
      type: 'string',
      required: true,
      position: 0,
      help: 'The room, as <pool>\\<room>.',
      completes: 'room',
    },
    UserUri: {type: 'string', help: 'Only messages posted by this SIP address.', completes: 'user'},
    StartDate: {type: 'datetime', help: 'Only messages posted on or after this date.'},
    EndDate: {
      type: 'datetime',
      help: 'Only messages posted on or before this date (a date alone covers that whole day).',
    },
    Filter: {
      type: 'string',
      help: 'Keywords separated by spaces that the message text must contain (see -MatchClause).',
    },
    MatchClause: {
      type: 'enum',
      values: ['All', 'And', 'Or', 'Exact'],
      help: 'All (or And): every keyword; Or: any keyword; Exact: the whole -Filter text as one phrase.',
    },
    CaseSensitive: {type: 'bool', help: '$True makes keyword matching case-sensitive.'},
    ReplaceMessage: {
      type: 'string',
      sets: ['Replace'],
      required: ['Replace'],
      help: 'Text that replaces each matched message.',
    },
    Remove: {
      type: 'switch',
      sets: ['Remove'],
      required: ['Remove'],
      help: 'Delete the matched messages instead of replacing them.',
    },
  },
  parameterSets: ['Default', 'Replace', 'Remove'],
  examples: [
    {
      code: 'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "4/1/2012"',
      remarks:
        'Every ItRoom message up to and including 1 April 2012 now reads the default replacement text; Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup gives them their text back.',
    },
    {
      code: 'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org"',
      remarks: "All of Ana's ItRoom messages are replaced by the default text.",
    },
    {
      code: 'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org" -ReplaceMessage "This message is no longer available."',
      remarks:
        'The same selection with a custom placeholder; use -Remove instead of -ReplaceMessage to delete them.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    if (args.Remove !== undefined && args.ReplaceMessage !== undefined) {
      throw new CmdletError('ParameterConflict', 'Use -Remove or -ReplaceMessage, not both.', {
        parameter: 'Remove',
      });
    }
    const room = findRoomByUriOrIdentity(ctx.state, args.Identity ?? '', 'Identity');
    const criteria = criteriaOf(args);
    const matches = messageMatcher(criteria);
    let count = 0;
    for (const m of ctx.ports.messages.scan(scanQuery(room.id, criteria))) if (matches(m)) count++;
    const remove = args.Remove ?? false;
    const identity = identityOf(room);
    if (!ctx.shouldProcess(identity, `${remove ? 'Delete' : 'Replace the text of'} ${messageCount(count)}`))
      return;
    if (count === 0) return;
    keepRemoved(ctx, {});
    const how = {remove, text: args.ReplaceMessage ?? DEFAULT_REPLACEMENT, now: ctx.now};
    ctx.effect({kind: 'rewriteMessages', roomIds: [room.id], rewrite: removeMessagesRewrite(matches, how)});
    ctx.setState(ctx.state, [identity]);
  },
});

const getChatMessageCmdlet = defineCmdlet({
  name: 'Get-PcChatMessage',
  summary:
    "Lists a room's stored messages, oldest first, including those of disabled rooms (an administrator's view).",
  params: {
    Room: {
      type: 'string',
      required: true,
      position: 0,
      help: 'The room: <pool>\\<room>, a unique name, or its ma-chan:// URI.',
      completes: 'room',
    },
    UserUri: {type: 'string', help: 'Only messages posted by this SIP address.', completes: 'user'},
    StartDate: {type: 'datetime', help: 'Only messages posted on or after this date.'},
    EndDate: {
      type: 'datetime',
      help: 'Only messages posted on or before this date (a date alone covers that whole day).',
    },
    ResultSize: {type: 'int', help: 'At most this many messages (0 returns none).'},
  },
  examples: [
    {
      code: 'Get-PcChatMessage -Room "pc1.dc1.example.org\\ItRoom"',
      remarks: 'Lists every stored ItRoom message.',
    },
    {
      code: 'Get-PcChatMessage -Room "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org" -EndDate "3/1/2018"',
      remarks: "Ana's ItRoom messages up to 1 March 2018.",
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const room = findRoomByUriOrIdentity(ctx.state, args.Room ?? '', 'Room');
    const size = args.ResultSize;
    if (size !== undefined && (!Number.isInteger(size) || size < 0)) {
      throw new CmdletError('InvalidValue', `ResultSize must be a whole number of 0 or more, not ${size}.`, {
        parameter: 'ResultSize',
      });
    }
    if (size === 0) return;
    const criteria = criteriaOf(args);
    const matches = messageMatcher(criteria);
    let written = 0;
    for (const m of ctx.ports.messages.scan(scanQuery(room.id, criteria))) {
      if (!matches(m)) continue;
      ctx.write(messageObject(room, m));
      if (++written === size) return;
    }
  },
});

export const messageCmdlets: readonly CmdletSpec[] = [
  removeMessageCmdlet,
  testMessageCmdlet,
  getChatMessageCmdlet,
];
