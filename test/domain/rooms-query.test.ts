import {describe, expect, it} from 'vitest';
import {setRoom} from '../../src/domain/room-set.js';
import {getRooms, textMatcher} from '../../src/domain/room-query.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {ChatState, Room} from '../../src/domain/types.js';
import {BEN, contentState, FAY, POOL} from '../helpers/content-fixture.js';

const errorOf = (f: () => unknown): CmdletError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

const set = (state: ChatState, input: Omit<Parameters<typeof setRoom>[1], 'rev'>) =>
  setRoom(state, {rev: 9, ...input});

describe('getRooms', () => {
  const names = (input: Parameters<typeof getRooms>[1], state = contentState()) =>
    getRooms(state, input).map((r) => r.name);

  it.each([
    [{}, ['EmeaRoom', 'HelpRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom']],
    [{identity: 'pc1.dc1.example.org\\ItRoom'}, ['ItRoom']],
    [{category: 'ITChat'}, ['HelpRoom']],
    [{category: `${POOL}\\IT`, privacy: 'Closed'}, ['ItRoom', 'LisbonRoom']],
    [{type: 'Auditorium'}, ['ProjectsRoom']],
    [{addin: 'ItDashboard'}, ['HelpRoom']],
    [{member: FAY}, ['EmeaRoom', 'LisbonRoom']],
    [{member: BEN}, ['EmeaRoom', 'HelpRoom', 'ItRoom', 'LisbonRoom']],
    [{manager: 'ana@example.org'}, ['ItRoom']],
    [{disabled: false, resultSize: 2}, ['EmeaRoom', 'HelpRoom']],
    [{resultSize: 0}, []],
    [{filter: (r: Room) => r.name.startsWith('Help')}, ['HelpRoom']],
    [{poolFqdn: POOL, invitations: 'Inherit', resultSize: 1}, ['EmeaRoom']],
  ] as const)('selects with %j', (input, expected) => {
    expect(names(input)).toEqual(expected);
  });

  it.each([
    [{identity: 'ItRoom', privacy: 'Open'}, 'ParameterConflict'],
    [{identity: 'Nope'}, 'RoomNotFound'],
    [{category: 'Nope'}, 'CategoryNotFound'],
    [{addin: 'Nope'}, 'AddinNotFound'],
    [{poolFqdn: 'x.example.org'}, 'PoolNotFound'],
    [{resultSize: -1}, 'InvalidValue'],
  ])('fails %j with %s', (input, errorId) => {
    expect(errorOf(() => getRooms(contentState(), input)).errorId).toBe(errorId);
  });

  it('lists disabled rooms with -Disabled $True', () => {
    const off = set(contentState(), {identity: 'ItRoom', disabled: true}).state;
    expect(names({disabled: true}, off)).toEqual(['ItRoom']);
  });

  it('measures content only for ChatContentExceedsMB', () => {
    const sizes: Record<string, number> = {'room-it': 2 * 1_048_576, 'room-emea': 10};
    expect(names({chatContentExceedsMB: 1, contentBytes: (r) => sizes[r.id] ?? 0})).toEqual(['ItRoom']);
  });

  it.each([
    ['Help*', 'HelpRoom', true],
    ['help', 'HelpRoom', true],
    ['?tRoom', 'ItRoom', true],
    ['Room', 'ItRoom', true],
    ['It*', 'LisbonRoom', false],
  ])('matches plain filter text %s against %s: %s', (pattern, value, expected) => {
    expect(textMatcher(pattern)(value)).toBe(expected);
  });
});
