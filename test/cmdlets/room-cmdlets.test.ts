import {describe, expect, it} from 'vitest';
import type {ScriptBlock} from '../../src/cmdlets/types.js';
import {ANA, BEN, byName, contentState, MESSAGES, POOL} from '../helpers/content-fixture.js';
import {invoke} from '../helpers/content-invoke.js';

const day = (iso: string) => ({iso, dateOnly: true});

describe('Get-CsPersistentChatRoom', () => {
  it('writes objects with every documented property', () => {
    expect(
      invoke(contentState(), 'Get-CsPersistentChatRoom', {Identity: `${POOL}\\HelpRoom`}).output,
    ).toEqual([
      {
        Identity: `${POOL}\\HelpRoom`,
        Name: 'HelpRoom',
        Description: null,
        Category: `${POOL}\\ITChat`,
        Type: 'Normal',
        Privacy: 'Secret',
        Invitations: 'Inherit',
        Disabled: false,
        Addin: 'ItDashboard',
        Members: [BEN],
        Managers: [],
        Presenters: [],
        ChatRoomUri: 'ma-chan://example.org/room-help',
        PersistentChatPoolFqdn: POOL,
      },
    ]);
  });

  it('shows display names with -AsObject', () => {
    const [room] = invoke(contentState(), 'Get-CsPersistentChatRoom', {
      Identity: 'ItRoom',
      AsObject: true,
    }).output;
    expect(room).toMatchObject({Members: ['Ana Silva', 'Ben Okafor'], Managers: ['Ana Silva']});
  });

  it.each([
    ['plain text', 'room', false, ['EmeaRoom', 'HelpRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom']],
    ['a wildcard', 'I*', false, ['ItRoom']],
    ['description text with -SearchDescription', 'general', true, ['ItRoom']],
    ['description text without it', 'general', false, []],
  ])('filters by %s', (_t, filter, searchDescription, expected) => {
    const run = invoke(contentState(), 'Get-CsPersistentChatRoom', {
      Filter: filter,
      SearchDescription: searchDescription,
    });
    expect(run.output.map((o) => o['Name'])).toEqual(expected);
  });

  it('hands script-block filters to the language, with the output object', () => {
    const block: ScriptBlock = {kind: 'scriptblock', text: 'Name -like "Help*"'};
    const seen: unknown[] = [];
    const run = invoke(
      contentState(),
      'Get-CsPersistentChatRoom',
      {Filter: block},
      {
        matchFilter: (filter, object) => {
          seen.push(filter);
          return object['Name'] === 'HelpRoom';
        },
      },
    );
    expect(run.output.map((o) => o['Name'])).toEqual(['HelpRoom']);
    expect(seen[0]).toBe(block);
  });

  it('measures stored content for -ChatContentExceedsMB', () => {
    const big = {...MESSAGES[0]!, id: 'big', text: 'x'.repeat(1_100_000)};
    const run = invoke(
      contentState(),
      'Get-CsPersistentChatRoom',
      {ChatContentExceedsMB: 1},
      {messages: [...MESSAGES, big]},
    );
    expect(run.output.map((o) => o['Name'])).toEqual(['ItRoom']);
  });
});

describe('New-CsPersistentChatRoom', () => {
  it('creates and writes the room', () => {
    const run = invoke(contentState(), 'New-CsPersistentChatRoom', {
      Name: 'AllHands',
      Category: 'IT',
      Type: 'Auditorium',
      Privacy: 'Open',
      Addin: 'ItDashboard',
    });
    expect(run.output[0]).toMatchObject({
      Identity: `${POOL}\\AllHands`,
      Type: 'Auditorium',
      Privacy: 'Open',
      Addin: 'ItDashboard',
      Category: `${POOL}\\IT`,
    });
  });

  it('creates a disabled room with the bare switch', () => {
    const run = invoke(contentState(), 'New-CsPersistentChatRoom', {
      Name: 'Quiet',
      Category: 'IT',
      Disabled: true,
    });
    expect(byName(run.state.rooms, 'Quiet').disabled).toBe(true);
  });
});

describe('Set-CsPersistentChatRoom', () => {
  it('warns about purged principals on a move unless -Force', () => {
    const warned = invoke(contentState(), 'Set-CsPersistentChatRoom', {
      Identity: 'ItRoom',
      Category: 'Projects',
    });
    expect(warned.warnings.map((w) => w.warningId)).toEqual(['PrincipalsPurged']);
    const forced = invoke(contentState(), 'Set-CsPersistentChatRoom', {
      Identity: 'ItRoom',
      Category: 'Projects',
      Force: true,
    });
    expect(forced.warnings).toEqual([]);
    expect(byName(forced.state.rooms, 'ItRoom').members).toEqual([]);
  });

  it('accepts the room identity given as -PersistentChatPoolFqdn, as two documented lines write it', () => {
    const run = invoke(contentState(), 'Set-CsPersistentChatRoom', {
      PersistentChatPoolFqdn: `${POOL}\\LisbonRoom`,
      Members: {add: [ANA]},
    });
    expect(byName(run.state.rooms, 'LisbonRoom').members).toEqual([ANA]);
    const bad = invoke(contentState(), 'Set-CsPersistentChatRoom', {
      PersistentChatPoolFqdn: POOL,
      Members: {add: [ANA]},
    });
    expect(bad.errors.map((e) => e.errorId)).toEqual(['ParameterConflict']);
  });

  it('changes nothing with -WhatIf but still validates', () => {
    const before = contentState();
    const ok = invoke(
      before,
      'Set-CsPersistentChatRoom',
      {Identity: 'ItRoom', Disabled: true},
      {whatIf: true},
    );
    expect(ok.state).toBe(before);
    expect(ok.whatIf).toHaveLength(1);
    const bad = invoke(
      before,
      'Set-CsPersistentChatRoom',
      {Identity: 'ItRoom', Presenters: {add: [ANA]}},
      {whatIf: true},
    );
    expect(bad.errors.map((e) => e.errorId)).toEqual(['PresenterNotAllowed']);
  });

  it('acts on piped room objects', () => {
    const rooms = invoke(contentState(), 'Get-CsPersistentChatRoom', {Category: 'IT'}).output;
    const run = invoke(contentState(), 'Set-CsPersistentChatRoom', {Invitations: 'False'}, {pipeline: rooms});
    expect(run.state.rooms.filter((r) => r.invitations === 'False').map((r) => r.name)).toEqual([
      'ItRoom',
      'LisbonRoom',
      'EmeaRoom',
    ]);
  });
});

describe('Clear-CsPersistentChatRoom', () => {
  it('deletes messages up to the end of the given day, after a backup', () => {
    const run = invoke(
      contentState(),
      'Clear-CsPersistentChatRoom',
      {Identity: `${POOL}\\ItRoom`, EndDate: day('2018-03-01T00:00:00.000Z')},
      {messages: MESSAGES},
    );
    expect(run.messages.map((m) => m.id)).toEqual(['msg-5']);
    expect(run.effects.map((e) => e.kind)).toEqual(['keepRemoved', 'rewriteMessages']);
    expect(run.state.rooms).toEqual(contentState().rooms);
    expect(run.targets).toEqual([`${POOL}\\ItRoom`]);
  });

  it('reports the count under -WhatIf and deletes nothing', () => {
    const run = invoke(
      contentState(),
      'Clear-CsPersistentChatRoom',
      {Identity: 'ItRoom', EndDate: day('2018-03-01')},
      {messages: MESSAGES, whatIf: true},
    );
    expect(run.whatIf[0]).toContain('Delete 4 messages posted on or before 2018-03-01T23:59:59.999Z');
    expect(run.effects).toEqual([]);
  });

  it('does nothing when the prompt is answered no', () => {
    const run = invoke(
      contentState(),
      'Clear-CsPersistentChatRoom',
      {Identity: 'ItRoom', EndDate: day('2018-03-01')},
      {messages: MESSAGES, confirm: false},
    );
    expect(run.messages).toHaveLength(5);
  });

  it('writes nothing when no message is old enough', () => {
    expect(
      invoke(
        contentState(),
        'Clear-CsPersistentChatRoom',
        {Identity: 'ItRoom', EndDate: day('2000-01-01')},
        {messages: MESSAGES},
      ).effects,
    ).toEqual([]);
  });

  it('needs -EndDate', () => {
    expect(
      invoke(contentState(), 'Clear-CsPersistentChatRoom', {Identity: 'ItRoom'}).errors.map((e) => e.errorId),
    ).toEqual(['InvalidValue']);
  });

  it('works on a disabled room', () => {
    const off = invoke(contentState(), 'Set-CsPersistentChatRoom', {
      Identity: 'ItRoom',
      Disabled: true,
    }).state;
    expect(
      invoke(
        off,
        'Clear-CsPersistentChatRoom',
        {Identity: 'ItRoom', EndDate: day('2030-01-01')},
        {messages: MESSAGES},
      ).messages,
    ).toEqual([]);
  });
});

describe('Remove-CsPersistentChatRoom', () => {
  it('removes the room and its messages', () => {
    const run = invoke(
      contentState(),
      'Remove-CsPersistentChatRoom',
      {Identity: 'ItRoom'},
      {messages: MESSAGES},
    );
    expect(run.state.rooms.map((r) => r.name)).not.toContain('ItRoom');
    expect(run.messages).toEqual([]);
    expect(run.effects.map((e) => e.kind)).toEqual(['keepRemoved', 'rewriteMessages']);
    expect(run.effects[0]).toEqual({
      kind: 'keepRemoved',
      rooms: [byName(contentState().rooms, 'ItRoom')],
      categories: [],
    });
  });

  it('removes every closed room from a pipeline', () => {
    const closed = invoke(contentState(), 'Get-CsPersistentChatRoom', {Privacy: 'Closed'}).output;
    const run = invoke(contentState(), 'Remove-CsPersistentChatRoom', {}, {pipeline: closed});
    expect(run.state.rooms.map((r) => r.name)).toEqual(['EmeaRoom', 'HelpRoom']);
  });

  it('needs no message effect for a room without messages, only its removal backup', () => {
    expect(
      invoke(contentState(), 'Remove-CsPersistentChatRoom', {Identity: 'LisbonRoom'}, {messages: MESSAGES})
        .effects,
    ).toEqual([{kind: 'keepRemoved', rooms: [byName(contentState().rooms, 'LisbonRoom')], categories: []}]);
  });
});
