// Every add-in example of rooms-and-content.md section 4, run as command lines.

import {describe, expect, it} from 'vitest';
import {byName, POOL} from '../helpers/content-fixture.js';
import {errorIds, names, runExample, type Example} from '../helpers/content-examples.js';

const ITDASH = {
  Identity: `${POOL}\\ItDashboard`,
  Name: 'ItDashboard',
  Url: 'https://pc1.dc1.example.org/itdash',
  PersistentChatPoolFqdn: POOL,
};

const examples: Example[] = [
  {
    title: 'Get-CsPersistentChatAddin lists every add-in',
    lines: ['Get-CsPersistentChatAddin'],
    check: ({last}) => expect(names(last)).toEqual(['ItDashboard', 'ItStatusAddin']),
  },
  {
    title: 'Get-CsPersistentChatAddin -Identity returns one add-in',
    lines: ['Get-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItDashboard"'],
    check: ({last}) => expect(last.output).toEqual([ITDASH]),
  },
  {
    title: 'Get-CsPersistentChatAddin -PersistentChatPoolFqdn lists one pool',
    lines: ['Get-CsPersistentChatAddin -PersistentChatPoolFqdn "pc1.dc1.example.org"'],
    check: ({last}) => expect(names(last)).toEqual(['ItDashboard', 'ItStatusAddin']),
  },
  {
    title: 'New-CsPersistentChatAddin registers ItDashboard',
    lines: [
      'New-CsPersistentChatAddin -Name "ItDashboard" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Url "https://pc1.dc1.example.org/itdash"',
    ],
    prepare: (state) => ({...state, addins: [], rooms: state.rooms.map((r) => ({...r, addinId: null}))}),
    check: ({last}) => expect(last.output).toEqual([ITDASH]),
  },
  {
    title: 'Set-CsPersistentChatAddin changes only the URL; HelpRoom keeps the add-in',
    lines: [
      'Set-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItDashboard" -Url "https://pc1.dc1.example.org/itdash2"',
      'Get-CsPersistentChatRoom HelpRoom',
    ],
    check: ({state, last}) => {
      expect(byName(state.addins, 'ItDashboard')).toMatchObject({
        name: 'ItDashboard',
        url: 'https://pc1.dc1.example.org/itdash2',
      });
      expect(last.output).toEqual([expect.objectContaining({Addin: 'ItDashboard'})]);
    },
  },
  {
    title: 'Remove-CsPersistentChatAddin removes the unused ItStatusAddin',
    lines: ['Remove-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItStatusAddin"'],
    check: ({state}) => expect(state.addins.map((a) => a.name)).toEqual(['ItDashboard']),
  },
  {
    title: 'a pipeline removes unused add-ins and reports AddinInUse for the others',
    lines: ['Get-CsPersistentChatAddin | Remove-CsPersistentChatAddin'],
    check: ({last, state}) => {
      expect(errorIds(last)).toEqual(['AddinInUse']);
      expect(state.addins.map((a) => a.name)).toEqual(['ItDashboard']);
    },
  },
  {
    title: 'with -Force the add-in in use goes and its rooms are detached',
    lines: ['Get-CsPersistentChatAddin | Remove-CsPersistentChatAddin -Force'],
    check: ({state}) => {
      expect(state.addins).toEqual([]);
      expect(byName(state.rooms, 'HelpRoom').addinId).toBeNull();
    },
  },
  {
    title: 'identity strings can be piped in',
    lines: ['"pc1.dc1.example.org\\ItStatusAddin" | Remove-CsPersistentChatAddin'],
    check: ({state}) => expect(state.addins.map((a) => a.name)).toEqual(['ItDashboard']),
  },
  {
    title: 'a non-http URL is refused',
    lines: ['New-CsPersistentChatAddin -Name "Ftp" -Url "ftp://pc1.dc1.example.org/x"'],
    check: ({last}) => expect(errorIds(last)).toEqual(['InvalidUrl']),
  },
];

describe('add-in examples through the command line', () => {
  it.each(examples)('$title', async (example) => {
    example.check(await runExample(example));
  });
});
