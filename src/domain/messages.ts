// Room content (rooms-and-content.md section 5): which messages a Remove/Clear selects, the pure
// rewrites the store applies to its message log, posting (5.3), and the deployment file's messages.

import type {ChatMessage, ChatState, Room} from './types.js';
import type {Effect} from './ports.js';
import {CmdletError, type Issue} from './errors.js';
import {findByIdentity, identityOf} from './content-identity.js';
import {isSipUri} from './principals.js';
import {canPost, fileUploadAllowed} from './room-access.js';
import {categoryOfRoom, findRoom} from './rooms.js';

export const DEFAULT_REPLACEMENT = 'This message was replaced by the Persistent Chat administrator.';

/** A bound date as the command line gives it; a date-only bound covers its whole day (0.4). */
export interface DateBound {
  readonly iso: string;
  readonly dateOnly: boolean;
}

export type MatchClause = 'All' | 'And' | 'Or' | 'Exact';

const toMillis = (iso: string, parameter: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new CmdletError('InvalidValue', `"${iso}" is not a date.`, {parameter});
  return ms;
};

const DAY_MS = 86_400_000;

/** Spec note: times are UTC (the server's configured zone defaults to UTC; no other is modelled). */
export const startBound = (bound: DateBound, parameter = 'StartDate'): number => {
  const ms = toMillis(bound.iso, parameter);
  return bound.dateOnly ? Math.floor(ms / DAY_MS) * DAY_MS : ms;
};

/** Date-only end bounds run through 23:59:59.999 of that day. */
export const endBound = (bound: DateBound, parameter = 'EndDate'): number => {
  const ms = toMillis(bound.iso, parameter);
  return bound.dateOnly ? Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS - 1 : ms;
};

/** `sip:` URI of an author; a bare address is accepted as in section 0.2. */
export const authorSip = (raw: string, parameter = 'UserUri'): string => {
  const text = raw.trim().toLowerCase();
  const sip = text.startsWith('sip:') ? text : `sip:${text}`;
  if (!isSipUri(sip))
    throw new CmdletError('InvalidPrincipal', `"${raw}" is not a SIP address (sip:user@domain).`, {
      target: raw,
      parameter,
    });
  return sip;
};

export interface MessageCriteria {
  readonly author?: string;
  /** Inclusive epoch-millisecond bounds. */
  readonly from?: number;
  readonly to?: number;
  readonly filter?: string;
  readonly matchClause?: MatchClause;
  readonly caseSensitive?: boolean;
}

export const assertOrderedBounds = (criteria: MessageCriteria): void => {
  if (criteria.from !== undefined && criteria.to !== undefined && criteria.from > criteria.to) {
    throw new CmdletError('InvalidValue', 'StartDate is later than EndDate, so no message could match.', {
      parameter: 'StartDate',
    });
  }
};

const keywordTest = (
  filter: string,
  clause: MatchClause,
  caseSensitive: boolean,
): ((text: string) => boolean) => {
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());
  if (clause === 'Exact') {
    const phrase = fold(filter.trim());
    return (text) => fold(text).includes(phrase);
  }
  const words = fold(filter)
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return () => true;
  return clause === 'Or'
    ? (text) => words.some((w) => fold(text).includes(w))
    : (text) => words.every((w) => fold(text).includes(w));
};

/** All given criteria must hold; none at all selects every message (5.1). */
export const messageMatcher = (criteria: MessageCriteria): ((message: ChatMessage) => boolean) => {
  assertOrderedBounds(criteria);
  const keywords =
    criteria.filter === undefined
      ? null
      : keywordTest(criteria.filter, criteria.matchClause ?? 'All', criteria.caseSensitive ?? false);
  const author = criteria.author?.toLowerCase();
  return (m) => {
    if (author !== undefined && m.author.toLowerCase() !== author) return false;
    const at = Date.parse(m.postedAt);
    if (criteria.from !== undefined && !(at >= criteria.from)) return false;
    if (criteria.to !== undefined && !(at <= criteria.to)) return false;
    return keywords === null || keywords(m.text);
  };
};

/** Remove-CsPersistentChatMessage: keep id, author and time; replace the text, or delete with -Remove. */
export const removeMessagesRewrite =
  (
    matches: (m: ChatMessage) => boolean,
    how: {readonly remove: boolean; readonly text: string; readonly now: Date},
  ) =>
  (m: ChatMessage): ChatMessage | null => {
    if (!matches(m)) return m;
    return how.remove ? null : {...m, text: how.text, replaced: true, replacedAt: how.now.toISOString()};
  };

/** Clear-CsPersistentChatRoom: everything posted on or before the bound goes, no placeholder. */
export const clearRoomRewrite =
  (to: number) =>
  (m: ChatMessage): ChatMessage | null =>
    Date.parse(m.postedAt) <= to ? null : m;

/** UTF-8 size of a text without allocating (ChatContentExceedsMB). */
export const utf8Bytes = (text: string): number => {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
};

export interface PostMessageInput {
  readonly room: string;
  readonly author: string;
  readonly text: string;
  readonly postedAt?: string;
  /** A file attached to the post (files are not otherwise modelled). */
  readonly withFile?: boolean;
  readonly id: string;
  readonly now: Date;
}

/**
 * Section 5.3: posts as the author would, enforcing R11/R12/R16 and R14. With chat history off
 * (R15) the post is delivered but not kept: `message` is returned, `effect` is null.
 */
export const postMessage = (
  state: ChatState,
  input: PostMessageInput,
): {message: ChatMessage; effect: Effect | null} => {
  const room = findRoom(state, input.room, 'Room');
  const category = categoryOfRoom(state, room);
  const author = authorSip(input.author, 'Author');
  if (room.disabled)
    throw new CmdletError(
      'RoomDisabled',
      `Chat room ${identityOf(room)} is disabled; nobody can post in it.`,
      {target: identityOf(room)},
    );
  if (!canPost({state, category, room}, author)) {
    throw new CmdletError('PostNotAllowed', `${author} may not post in ${identityOf(room)}.`, {
      target: identityOf(room),
      parameter: 'Author',
    });
  }
  if (input.withFile && !fileUploadAllowed(category)) {
    throw new CmdletError(
      'FileUploadDisabled',
      `Category ${identityOf(category)} does not allow files in its rooms.`,
      {target: identityOf(room)},
    );
  }
  const postedAt = new Date(toMillis(input.postedAt ?? input.now.toISOString(), 'PostedAt')).toISOString();
  const message: ChatMessage = {
    id: input.id,
    roomId: room.id,
    author,
    postedAt,
    text: input.text,
    replaced: false,
    replacedAt: null,
  };
  return {message, effect: category.chatHistory ? {kind: 'appendMessages', messages: [message]} : null};
};

/** A message as the deployment file writes it (contract section 5). */
export interface DeploymentMessage {
  readonly room: string;
  readonly from: string;
  readonly at: string;
  readonly text: string;
}

/** Turns the deployment file's messages into log records; each bad entry becomes an issue. */
export const deploymentMessagesToRecords = (
  state: ChatState,
  messages: readonly DeploymentMessage[],
  newId: () => string,
): {messages: ChatMessage[]; issues: Issue[]} => {
  const toRecord = deploymentMessageRecords(state, newId);
  const records: ChatMessage[] = [];
  const issues: Issue[] = [];
  messages.forEach((m, i) => {
    const out = toRecord(m, i);
    if ('issue' in out) issues.push(out.issue);
    else records.push(out.message);
  });
  return {messages: records, issues};
};

/**
 * One deployment message at a time, for a reader that streams them. A room or author named by many
 * messages is looked up once: a million messages in ten thousand rooms would otherwise search the
 * rooms a million times.
 */
export const deploymentMessageRecords = (
  state: ChatState,
  newId: () => string,
): ((m: DeploymentMessage, i: number) => {message: ChatMessage} | {issue: Issue}) => {
  const rooms = new Map<string, Room>();
  const authors = new Map<string, string>();
  return (m, i) => {
    try {
      const room = once(rooms, m.room, () =>
        findByIdentity(state.rooms, m.room, 'Room', `messages[${i}].room`),
      );
      const author = once(authors, m.from, () => authorSip(m.from, `messages[${i}].from`));
      const postedAt = new Date(toMillis(m.at, `messages[${i}].at`)).toISOString();
      if (typeof m.text !== 'string')
        throw new CmdletError('InvalidValue', `Message ${i} has no text.`, {
          parameter: `messages[${i}].text`,
        });
      const message: ChatMessage = {
        id: newId(),
        roomId: room.id,
        author,
        postedAt,
        text: m.text,
        replaced: false,
        replacedAt: null,
      };
      return {message};
    } catch (error) {
      if (!(error instanceof CmdletError)) throw error;
      return {
        issue: {
          errorId: error.errorId,
          parameter: error.parameter,
          message: `messages[${i}]: ${error.message}`,
        },
      };
    }
  };
};

/** A lookup that succeeded is kept; one that failed runs again, so its error names this message. */
const once = <T>(found: Map<string, T>, key: string, find: () => T): T => {
  const hit = found.get(key);
  if (hit !== undefined) return hit;
  const value = find();
  found.set(key, value);
  return value;
};
