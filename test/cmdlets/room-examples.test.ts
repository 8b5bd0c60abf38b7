// Every room example of rooms-and-content.md section 3, and Get-CsPersistentChatEligiblePrincipal's,
// run as command lines.

import {describe, expect, it} from 'vitest';
import {ANA, BEN, byName, CARL, FAY, POOL, USERS} from '../helpers/content-fixture.js';
import {errorIds, names, runExample, type Example} from '../helpers/content-examples.js';

const ALL = ['EmeaRoom', 'HelpRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom'];
const PROJECTS_SETUP =
  'Set-CsPersistentChatCategory -Identity "Projects" -AllowedMembers @{Add="sip:carl@example.org", "CN=Users,DC=example,DC=org"} -DeniedMembers @{Add="sip:dora@example.org"}';

const examples: Example[] = [
  {
    title: 'Get-CsPersistentChatRoom lists every room',
    lines: ['Get-CsPersistentChatRoom'],
    check: ({last}) => expect(names(last)).toEqual(ALL),
  },
  {
    title: 'Get-CsPersistentChatRoom -Identity returns one room',
    lines: ['Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"'],
    check: ({last}) =>
      expect(last.output).toEqual([
        expect.objectContaining({
          Identity: `${POOL}\\ItRoom`,
          Members: [ANA, BEN],
          Managers: [ANA],
          Category: `${POOL}\\IT`,
        }),
      ]),
  },
  {
    title: 'Get-CsPersistentChatRoom -Disabled $True lists the disabled rooms',
    lines: [
      'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Disabled $True',
      'Get-CsPersistentChatRoom -Disabled $True',
    ],
    check: ({last}) => expect(names(last)).toEqual(['ItRoom']),
  },
  {
    title: 'Get-CsPersistentChatRoom filters combine with AND',
    lines: ['Get-CsPersistentChatRoom -Category IT -Privacy Closed -Members "sip:fay@example.org"'],
    check: ({last}) => expect(names(last)).toEqual(['LisbonRoom']),
  },
  {
    title: 'Get-CsPersistentChatRoom -Filter takes a script block',
    lines: ['Get-CsPersistentChatRoom -Filter {Name -like "Help*"}'],
    check: ({last}) => expect(names(last)).toEqual(['HelpRoom']),
  },
  {
    title: 'Get-CsPersistentChatRoom -Identity with a filter is a ParameterConflict',
    lines: ['Get-CsPersistentChatRoom -Identity ItRoom -Privacy Open'],
    check: ({last}) => expect(errorIds(last)).toEqual(['ParameterConflict']),
  },
  {
    title: 'New-CsPersistentChatRoom creates ItRoom with the documented defaults',
    lines: [
      'Remove-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"',
      'New-CsPersistentChatRoom -Name "ItRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "IT"',
    ],
    check: ({last}) =>
      expect(last.output).toEqual([
        expect.objectContaining({
          Identity: `${POOL}\\ItRoom`,
          Type: 'Normal',
          Privacy: 'Closed',
          Invitations: 'Inherit',
          Disabled: false,
          Addin: null,
          Members: [],
          Managers: [],
          Presenters: [],
        }),
      ]),
  },
  {
    title: 'New-CsPersistentChatRoom creates an open auditorium with an add-in',
    lines: [
      'New-CsPersistentChatRoom -Name "AllHands" -Category "IT" -Type "Auditorium" -Privacy "Open" -Addin "ItDashboard"',
    ],
    check: ({state}) =>
      expect(byName(state.rooms, 'AllHands')).toMatchObject({
        type: 'Auditorium',
        privacy: 'Open',
        addinId: 'addin-itdash',
        presenters: [],
      }),
  },
  {
    title: 'New-CsPersistentChatRoom named like a category fails with NameConflict',
    lines: ['New-CsPersistentChatRoom -Name "IT" -Category "IT"'],
    check: ({last, state}) => {
      expect(errorIds(last)).toEqual(['NameConflict']);
      expect(state.rooms).toHaveLength(5);
    },
  },
  {
    title: 'New-CsPersistentChatRoom -Disabled given bare creates a disabled room',
    lines: ['New-CsPersistentChatRoom -Name "Quiet" -Category "IT" -Disabled'],
    check: ({state}) => expect(byName(state.rooms, 'Quiet').disabled).toBe(true),
  },
  {
    title:
      'Set-CsPersistentChatRoom -Disabled $True keeps members and messages, and $False restores the room',
    lines: [
      'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Disabled $True',
      'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Disabled $False',
    ],
    check: ({runs, state, messages}) => {
      expect(runs.every((r) => r.ok)).toBe(true);
      expect(byName(state.rooms, 'ItRoom')).toMatchObject({
        disabled: false,
        members: [ANA, BEN],
        managers: [ANA],
      });
      expect(messages).toHaveLength(5);
    },
  },
  {
    title: 'ProjectsRoom gets members, a presenter and a manager',
    lines: [
      PROJECTS_SETUP,
      'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Members @{Add="sip:carl@example.org", "CN=Users,DC=example,DC=org"}',
      'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Presenters @{Add="sip:carl@example.org"}',
      'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Managers @{Add="sip:fay@example.org"}',
    ],
    check: ({runs, state}) => {
      expect(runs.map((r) => r.errors)).toEqual([[], [], [], []]);
      expect(byName(state.rooms, 'ProjectsRoom')).toMatchObject({
        members: [CARL, USERS],
        presenters: [CARL],
        managers: [FAY],
      });
    },
  },
  {
    title: 'a denied manager fails with PrincipalNotInScope and nothing changes',
    lines: [
      PROJECTS_SETUP,
      'Set-CsPersistentChatRoom -Identity "ProjectsRoom" -Managers @{Add="sip:dora@example.org"}',
    ],
    check: ({last, state}) => {
      expect(errorIds(last)).toEqual(['PrincipalNotInScope']);
      expect(byName(state.rooms, 'ProjectsRoom').managers).toEqual([]);
    },
  },
  {
    title: 'the documented -PersistentChatPoolFqdn "<pool>\\<room>" spelling sets members',
    lines: [
      'Set-CsPersistentChatRoom -PersistentChatPoolFqdn "pc1.dc1.example.org\\LisbonRoom" -Members @{Add="sip:ana@example.org"}',
    ],
    check: ({state}) => expect(byName(state.rooms, 'LisbonRoom').members).toEqual([ANA]),
  },
  {
    title: 'moving a room purges what the new category does not allow, with a warning',
    lines: ['Set-CsPersistentChatRoom -Identity ItRoom -Category Projects'],
    check: ({last, state}) => {
      expect(last.warnings.map((w) => w.warningId)).toEqual(['PrincipalsPurged']);
      expect(byName(state.rooms, 'ItRoom')).toMatchObject({
        categoryId: 'cat-projects',
        members: [],
        managers: [],
      });
    },
  },
  {
    title: 'Clear-CsPersistentChatRoom prompts, and without a terminal fails with ConfirmationRequired',
    lines: ['Clear-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "3/1/2018"'],
    check: ({last, messages}) => {
      expect(errorIds(last)).toEqual(['ConfirmationRequired']);
      expect(messages).toHaveLength(5);
    },
  },
  {
    title: 'Clear-CsPersistentChatRoom deletes through the end of 1 March 2018 when confirmed',
    lines: ['Clear-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "3/1/2018"'],
    options: {yes: true},
    check: ({messages, store}) => {
      expect(messages.map((m) => m.text)).toEqual(['Release done']);
      expect(store.ports().backups.list()).toHaveLength(1);
    },
  },
  {
    title: 'Clear-CsPersistentChatRoom asks once per room when a person can answer',
    lines: ['Get-CsPersistentChatRoom | Clear-CsPersistentChatRoom -EndDate "3/1/2018"'],
    options: {ask: (prompts) => Promise.resolve(new Map(prompts.map((p) => [p.id, true])))},
    check: ({last, messages}) => {
      expect(last.prompts).toHaveLength(5);
      expect(messages.map((m) => m.text)).toEqual(['Release done']);
    },
  },
  {
    title: 'a pipeline clears every room without prompting with -Confirm:$False',
    lines: ['Get-CsPersistentChatRoom | Clear-CsPersistentChatRoom -EndDate "3/1/2018" -Confirm:$False'],
    check: ({last, messages, store}) => {
      expect(last.ok).toBe(true);
      expect(messages.map((m) => m.text)).toEqual(['Release done']);
      expect(store.ports().backups.list()).toHaveLength(1);
    },
  },
  {
    title: 'Clear-CsPersistentChatRoom -WhatIf deletes nothing',
    lines: ['Clear-CsPersistentChatRoom -Identity ItRoom -EndDate "3/1/2018" -WhatIf'],
    check: ({last, messages}) => {
      expect(last.whatIf.join(' ')).toContain('Delete 4 messages');
      expect(messages).toHaveLength(5);
    },
  },
  {
    title: 'Remove-CsPersistentChatRoom deletes LisbonRoom',
    lines: ['Remove-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\LisbonRoom"'],
    check: ({state}) =>
      expect(state.rooms.map((r) => r.name)).toEqual(['ItRoom', 'EmeaRoom', 'HelpRoom', 'ProjectsRoom']),
  },
  {
    title: 'removing ItRoom removes its messages too',
    lines: ['Remove-CsPersistentChatRoom -Identity ItRoom'],
    check: ({messages}) => expect(messages).toEqual([]),
  },
  {
    title: 'a pipeline deletes every closed room',
    lines: ['Get-CsPersistentChatRoom -Privacy "Closed" | Remove-CsPersistentChatRoom'],
    check: ({state}) => expect(state.rooms.map((r) => r.name)).toEqual(['EmeaRoom', 'HelpRoom']),
  },
  {
    title: 'Get-CsPersistentChatEligiblePrincipal lists the principals of ITChat',
    lines: [
      'Get-CsPersistentChatEligiblePrincipal -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "ITChat"',
    ],
    check: ({last}) =>
      expect(last.output.map((o) => (o as Record<string, unknown>)['SipAddress']).filter(Boolean)).toEqual([
        ANA,
        BEN,
      ]),
  },
  {
    title: 'Get-CsPersistentChatEligiblePrincipal -Presenters lists non-user presenters of an auditorium',
    lines: [
      'New-CsPersistentChatRoom -Name "HelpDeskChatRoom" -Category "ITChat" -Type Auditorium',
      'Get-CsPersistentChatEligiblePrincipal -Room "HelpDeskChatRoom" -Presenters | Where-Object {$_.PersistentChatPrincipalType -ne "user"}',
    ],
    check: ({last}) =>
      expect(last.output.map((o) => (o as Record<string, unknown>)['PersistentChatPrincipalType'])).toEqual([
        'group',
        'group',
        'ou',
      ]),
  },
];

describe('room examples through the command line', () => {
  it.each(examples)('$title', async (example) => {
    example.check(await runExample(example));
  });
});
