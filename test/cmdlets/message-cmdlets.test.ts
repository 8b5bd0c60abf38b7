import {describe, expect, it} from 'vitest';
import {DEFAULT_REPLACEMENT} from '../../src/domain/messages.js';
import {ANA, BEN, contentState, MESSAGES, POOL} from '../helpers/content-fixture.js';
import {invoke} from '../helpers/content-invoke.js';

const day = (iso: string) => ({iso, dateOnly: true});
const ITROOM = `${POOL}\\ItRoom`;

describe('Remove-CsPersistentChatMessage', () => {
  it.each([
    ['an end date (example 1)', {EndDate: day('2012-04-01')}, ['msg-1', 'msg-2'], DEFAULT_REPLACEMENT],
    ["an author's messages (example 2)", {UserUri: ANA}, ['msg-1', 'msg-3', 'msg-5'], DEFAULT_REPLACEMENT],
    [
      'a custom text (example 3)',
      {UserUri: ANA, ReplaceMessage: 'This message is no longer available.'},
      ['msg-1', 'msg-3', 'msg-5'],
      'This message is no longer available.',
    ],
    [
      'keywords with Or',
      {Filter: 'orion release', MatchClause: 'Or'},
      ['msg-4', 'msg-5'],
      DEFAULT_REPLACEMENT,
    ],
    [
      'a bare address',
      {UserUri: 'ben@example.org', StartDate: day('2018-01-01')},
      ['msg-4'],
      DEFAULT_REPLACEMENT,
    ],
  ])('replaces by %s, keeping id, author and time', (_t, args, replaced, text) => {
    const run = invoke(
      contentState(),
      'Remove-CsPersistentChatMessage',
      {Identity: ITROOM, ...args},
      {messages: MESSAGES},
    );
    expect(run.messages.filter((m) => m.replaced).map((m) => m.id)).toEqual(replaced);
    for (const m of run.messages.filter((x) => x.replaced)) {
      const original = MESSAGES.find((o) => o.id === m.id)!;
      expect(m).toMatchObject({
        text,
        author: original.author,
        postedAt: original.postedAt,
        replacedAt: '2026-01-15T12:00:00.000Z',
      });
    }
  });

  it('deletes with -Remove', () => {
    const run = invoke(
      contentState(),
      'Remove-CsPersistentChatMessage',
      {Identity: ITROOM, UserUri: ANA, Remove: true},
      {messages: MESSAGES},
    );
    expect(run.messages.map((m) => m.author)).toEqual([BEN, BEN]);
    expect(run.effects[0]).toEqual({kind: 'keepRemoved', rooms: [], categories: []});
  });

  it.each([
    [{Remove: true, ReplaceMessage: 'x'}, 'ParameterConflict'],
    [{UserUri: 'not a sip'}, 'InvalidPrincipal'],
    [{StartDate: day('2018-03-02'), EndDate: day('2018-03-01')}, 'InvalidValue'],
  ])('refuses %j with %s and changes nothing', (args, errorId) => {
    const run = invoke(
      contentState(),
      'Remove-CsPersistentChatMessage',
      {Identity: ITROOM, ...args},
      {messages: MESSAGES},
    );
    expect(run.errors.map((e) => e.errorId)).toEqual([errorId]);
    expect(run.effects).toEqual([]);
  });

  it('reports the number of matches under -WhatIf', () => {
    const run = invoke(
      contentState(),
      'Remove-CsPersistentChatMessage',
      {Identity: ITROOM, UserUri: ANA},
      {messages: MESSAGES, whatIf: true},
    );
    expect(run.whatIf[0]).toContain('Replace the text of 3 messages');
    expect(run.messages).toEqual(MESSAGES);
  });

  it('fails for an unknown room', () => {
    expect(
      invoke(contentState(), 'Remove-CsPersistentChatMessage', {Identity: `${POOL}\\Nope`}).errors.map(
        (e) => e.errorId,
      ),
    ).toEqual(['RoomNotFound']);
  });
});

describe('Get-PcChatMessage', () => {
  it('lists a room’s messages as objects', () => {
    const {output} = invoke(
      contentState(),
      'Get-PcChatMessage',
      {Room: ITROOM, ResultSize: 1},
      {messages: MESSAGES},
    );
    expect(output).toEqual([
      {
        Room: ITROOM,
        Id: 'msg-1',
        Author: ANA,
        PostedAt: '2012-03-20T10:00:00.000Z',
        Text: 'Server move tonight',
        Replaced: false,
      },
    ]);
  });

  it.each([
    [{UserUri: BEN}, ['msg-2', 'msg-4']],
    [{EndDate: day('2018-03-01'), StartDate: day('2018-02-28')}, ['msg-3', 'msg-4']],
    [{ResultSize: 0}, []],
  ])('selects with %j', (args, ids) => {
    expect(
      invoke(contentState(), 'Get-PcChatMessage', {Room: 'ItRoom', ...args}, {messages: MESSAGES}).output.map(
        (o) => o['Id'],
      ),
    ).toEqual(ids);
  });

  it('reads disabled rooms', () => {
    const off = invoke(contentState(), 'Set-CsPersistentChatRoom', {
      Identity: 'ItRoom',
      Disabled: true,
    }).state;
    expect(invoke(off, 'Get-PcChatMessage', {Room: 'ItRoom'}, {messages: MESSAGES}).output).toHaveLength(5);
  });
});

describe('Test-CsPersistentChatMessage', () => {
  const enabled = () => ({
    ...contentState(),
    policies: [{identity: 'Global', description: null, enablePersistentChat: true, rev: 1}],
  });
  const credential = (userName: string) => ({kind: 'credential', userName});
  const args = {
    TargetFqdn: POOL,
    SenderSipAddress: BEN,
    SenderCredential: credential('EXAMPLE\\ben'),
    ReceiverSipAddress: ANA,
    ReceiverCredential: credential('EXAMPLE\\ana'),
  };

  it('writes one result object and changes nothing', () => {
    const before = enabled();
    const run = invoke(before, 'Test-CsPersistentChatMessage', args);
    expect(run.output).toEqual([
      {
        TargetFqdn: POOL,
        Result: 'Success',
        Latency: '00:00:00.0400000',
        Error: null,
        Diagnosis: `Messages exchanged in ${POOL}\\EmeaRoom.`,
      },
    ]);
    expect(run.state).toBe(before);
  });

  it('reports Failure with an error text when Persistent Chat is not enabled', () => {
    const [result] = invoke(contentState(), 'Test-CsPersistentChatMessage', args).output;
    expect(result).toMatchObject({Result: 'Failure', Latency: '00:00:00'});
    expect(result?.['Error']).toContain('not enabled for Persistent Chat');
  });

  it('uses the room given as -ChatRoomUri', () => {
    const [result] = invoke(enabled(), 'Test-CsPersistentChatMessage', {
      ...args,
      ChatRoomUri: 'ma-chan://example.org/room-it',
    }).output;
    expect(result).toMatchObject({Result: 'Success', Diagnosis: `Messages exchanged in ${ITROOM}.`});
  });
});
