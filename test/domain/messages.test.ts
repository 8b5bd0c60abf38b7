import {describe, expect, it} from 'vitest';
import {
  clearRoomRewrite,
  deploymentMessagesToRecords,
  endBound,
  messageMatcher,
  postMessage,
  removeMessagesRewrite,
  startBound,
  utf8Bytes,
  type MessageCriteria,
} from '../../src/domain/messages.js';
import {persistentChatEnabled, testPersistentChatMessage} from '../../src/domain/message-test.js';
import {setCategory} from '../../src/domain/categories.js';
import {setRoom} from '../../src/domain/room-set.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {ChatState} from '../../src/domain/types.js';
import {ANA, BEN, CARL, contentState, FAY, MESSAGES, POOL} from '../helpers/content-fixture.js';

const errorOf = (f: () => unknown): CmdletError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

const ids = (criteria: MessageCriteria) => MESSAGES.filter(messageMatcher(criteria)).map((m) => m.id);
const day = (iso: string) => ({iso, dateOnly: true});

describe('date bounds', () => {
  it('makes a date-only end bound cover the whole day, and a start bound begin at midnight', () => {
    expect(new Date(endBound(day('2018-03-01T00:00:00.000Z'))).toISOString()).toBe(
      '2018-03-01T23:59:59.999Z',
    );
    expect(new Date(startBound(day('2018-03-01T00:00:00.000Z'))).toISOString()).toBe(
      '2018-03-01T00:00:00.000Z',
    );
    expect(new Date(endBound({iso: '2018-03-01T09:00:00Z', dateOnly: false})).toISOString()).toBe(
      '2018-03-01T09:00:00.000Z',
    );
  });

  it('refuses a date that does not parse', () => {
    expect(errorOf(() => endBound({iso: 'soon', dateOnly: false})).errorId).toBe('InvalidValue');
  });
});

describe('messageMatcher', () => {
  it.each([
    ['no criteria selects everything', {}, ['msg-1', 'msg-2', 'msg-3', 'msg-4', 'msg-5']],
    ['an author', {author: ANA}, ['msg-1', 'msg-3', 'msg-5']],
    ['an inclusive end date', {to: endBound(day('2018-03-01'))}, ['msg-1', 'msg-2', 'msg-3', 'msg-4']],
    ['a start date', {from: startBound(day('2018-03-01'))}, ['msg-4', 'msg-5']],
    ['all keywords', {filter: 'orion vega'}, ['msg-4']],
    ['And as a synonym of All', {filter: 'orion release', matchClause: 'And'}, []],
    ['any keyword', {filter: 'orion release', matchClause: 'Or'}, ['msg-4', 'msg-5']],
    ['an exact phrase', {filter: 'internal use', matchClause: 'Exact'}, ['msg-3']],
    ['a phrase in another order', {filter: 'use internal', matchClause: 'Exact'}, []],
    ['case-insensitive by default', {filter: 'PROJECTX'}, ['msg-2']],
    ['case-sensitive on request', {filter: 'PROJECTX', caseSensitive: true}, []],
    [
      'criteria combined with AND',
      {author: BEN, filter: 'status', to: endBound(day('2018-03-01'))},
      ['msg-4'],
    ],
  ] as [string, MessageCriteria, string[]][])('selects by %s', (_t, criteria, expected) => {
    expect(ids(criteria)).toEqual(expected);
  });

  it('refuses a start date after the end date', () => {
    expect(errorOf(() => messageMatcher({from: 2, to: 1})).errorId).toBe('InvalidValue');
  });
});

describe('rewrites', () => {
  const now = new Date('2026-01-15T12:00:00Z');

  it('replaces matched messages in place and keeps the rest as the same objects', () => {
    const rewrite = removeMessagesRewrite(messageMatcher({author: ANA}), {remove: false, text: 'gone', now});
    const out = MESSAGES.map(rewrite);
    expect(out[0]).toEqual({...MESSAGES[0], text: 'gone', replaced: true, replacedAt: now.toISOString()});
    expect(out[1]).toBe(MESSAGES[1]);
  });

  it('deletes matched messages with -Remove', () => {
    const rewrite = removeMessagesRewrite(messageMatcher({author: BEN}), {remove: true, text: '', now});
    expect(MESSAGES.map(rewrite).filter((m) => m === null)).toHaveLength(2);
  });

  it('clears everything up to and including the end date', () => {
    const rewrite = clearRoomRewrite(endBound(day('2018-03-01')));
    expect(
      MESSAGES.map(rewrite)
        .filter((m) => m !== null)
        .map((m) => m.id),
    ).toEqual(['msg-5']);
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Bytes('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});

describe('postMessage', () => {
  const input = {room: 'ItRoom', author: ANA, text: 'hi', id: 'm1', now: new Date('2026-01-15T12:00:00Z')};

  it('stores a post by a member', () => {
    const {message, effect} = postMessage(contentState(), input);
    expect(message).toMatchObject({
      roomId: 'room-it',
      author: ANA,
      postedAt: '2026-01-15T12:00:00.000Z',
      replaced: false,
    });
    expect(effect).toEqual({kind: 'appendMessages', messages: [message]});
  });

  it.each([
    ['a non-member of a closed room', {author: FAY}, 'PostNotAllowed'],
    ['a user outside the category', {room: 'HelpRoom', author: CARL}, 'PostNotAllowed'],
    ['a listener in an auditorium', {room: 'ProjectsRoom'}, 'PostNotAllowed'],
    ['a file where uploads are off', {room: 'HelpRoom', author: BEN, withFile: true}, 'FileUploadDisabled'],
    ['an unknown room', {room: 'Nope'}, 'RoomNotFound'],
  ])('refuses %s', (_t, extra, errorId) => {
    expect(errorOf(() => postMessage(contentState(), {...input, ...extra})).errorId).toBe(errorId);
  });

  it('refuses posts in a disabled room', () => {
    const off = setRoom(contentState(), {identity: 'ItRoom', disabled: true, rev: 2}).state;
    expect(errorOf(() => postMessage(off, input)).errorId).toBe('RoomDisabled');
  });

  it('delivers but does not keep a post when chat history is off (R15)', () => {
    const noHistory = setCategory(contentState(), {identity: 'IT', chatHistory: false, rev: 2}).state;
    expect(postMessage(noHistory, input).effect).toBeNull();
  });
});

describe('deploymentMessagesToRecords', () => {
  it('turns messages into records and reports each bad one as an issue', () => {
    let n = 0;
    const {messages, issues} = deploymentMessagesToRecords(
      contentState(),
      [
        {
          room: `${POOL}\\ItRoom`,
          from: 'sip:ana@example.org',
          at: '2012-03-20T10:00:00Z',
          text: 'Server move tonight',
        },
        {room: `${POOL}\\Nowhere`, from: 'sip:ana@example.org', at: '2012-03-20T10:00:00Z', text: 'x'},
        {room: `${POOL}\\ItRoom`, from: 'not an address', at: '2012-03-20T10:00:00Z', text: 'x'},
        {room: `${POOL}\\ItRoom`, from: 'sip:ben@example.org', at: 'yesterday', text: 'x'},
      ],
      () => `m${++n}`,
    );
    expect(messages).toEqual([
      {
        id: 'm1',
        roomId: 'room-it',
        author: ANA,
        postedAt: '2012-03-20T10:00:00.000Z',
        text: 'Server move tonight',
        replaced: false,
        replacedAt: null,
      },
    ]);
    expect(issues.map((i) => i.errorId)).toEqual(['RoomNotFound', 'InvalidPrincipal', 'InvalidValue']);
    expect(issues[0]?.parameter).toBe('messages[1].room');
  });
});

describe('testPersistentChatMessage', () => {
  const enabled = (state: ChatState): ChatState => ({
    ...state,
    policies: [{identity: 'Global', description: null, enablePersistentChat: true, rev: 1}],
  });
  const pair = {targetFqdn: POOL, sender: BEN, receiver: ANA};

  it('succeeds when both users are enabled and a room lets both post', () => {
    expect(testPersistentChatMessage(enabled(contentState()), pair)).toEqual({
      targetFqdn: POOL,
      result: 'Success',
      error: null,
      diagnosis: `Messages exchanged in ${POOL}\\EmeaRoom.`,
    });
  });

  it.each([
    ['no policy enables Persistent Chat', (s: ChatState) => s, pair],
    ['there are no rooms', (s: ChatState) => enabled({...s, rooms: []}), pair],
    [
      'the chosen room does not let both post',
      (s: ChatState) => enabled(s),
      {...pair, chatRoomUri: 'HelpRoom'},
    ],
    ['a user is unknown', (s: ChatState) => enabled(s), {...pair, sender: 'sip:ghost@example.org'}],
    ['no test users are configured', (s: ChatState) => enabled(s), {targetFqdn: POOL}],
  ])('fails when %s', (_t, prepare, input) => {
    const result = testPersistentChatMessage(prepare(contentState()), input);
    expect(result.result).toBe('Failure');
    expect(result.error).toEqual(expect.any(String));
  });

  it('refuses an unknown target pool', () => {
    expect(
      errorOf(() => testPersistentChatMessage(contentState(), {...pair, targetFqdn: 'x.example.org'}))
        .errorId,
    ).toBe('PoolNotFound');
  });

  it('follows the policy precedence: user, then site, then global', () => {
    const state = contentState();
    const ana = state.directory.users.find((u) => u.sipAddress === ANA)!;
    const policies = [
      {identity: 'Global', description: null, enablePersistentChat: false, rev: 1},
      {identity: 'Site:DC1', description: null, enablePersistentChat: true, rev: 1},
      {identity: 'Tag:Off', description: null, enablePersistentChat: false, rev: 1},
    ];
    expect(persistentChatEnabled({...state, policies}, ana)).toBe(true);
    expect(persistentChatEnabled({...state, policies}, {...ana, persistentChatPolicy: 'Off'})).toBe(false);
  });
});
