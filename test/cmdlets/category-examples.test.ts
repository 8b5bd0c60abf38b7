// Every category example of rooms-and-content.md section 2, run as command lines.

import {describe, expect, it} from 'vitest';
import {byName, CARL, DORA, POOL, USERS} from '../helpers/content-fixture.js';
import {errorIds, names, runExample, type Example} from '../helpers/content-examples.js';

const ALL = ['HelpDesk', 'IT', 'ITChat', 'Projects', 'Sandbox'];

const examples: Example[] = [
  {
    title: 'Get-CsPersistentChatCategory lists every category',
    lines: ['Get-CsPersistentChatCategory'],
    check: ({last}) => expect(names(last)).toEqual(ALL),
  },
  {
    title: "Get-CsPersistentChatCategory -PersistentChatPoolFqdn lists one pool's categories",
    lines: ['Get-CsPersistentChatCategory -PersistentChatPoolFqdn "pc1.dc1.example.org"'],
    fixture: {twoPools: true},
    check: ({last}) => expect(names(last)).toEqual(ALL),
  },
  {
    title: 'Where-Object on the Invites alias selects categories without invitations',
    lines: ['Get-CsPersistentChatCategory | Where-Object {$_.Invites -eq $False}'],
    check: ({last}) => expect(names(last)).toEqual(['HelpDesk', 'ITChat', 'Projects', 'Sandbox']),
  },
  {
    title: 'New-CsPersistentChatCategory -EnableFileUpload creates HelpDesk',
    lines: [
      'Remove-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\helpdesk"',
      'New-CsPersistentChatCategory -Name "HelpDesk" -PersistentChatPoolFqdn "pc1.dc1.example.org" -EnableFileUpload',
    ],
    check: ({last, state}) => {
      expect(last.output).toEqual([
        expect.objectContaining({
          Identity: `${POOL}\\HelpDesk`,
          FileUpload: true,
          Invitations: false,
          ChatHistory: true,
          AllowedMembers: [],
        }),
      ]);
      expect(byName(state.categories, 'HelpDesk')).toMatchObject({
        fileUpload: true,
        invitations: false,
        chatHistory: true,
      });
    },
  },
  {
    title: 'New-CsPersistentChatCategory with one pool needs no pool parameter',
    lines: ['New-CsPersistentChatCategory -Name "Announcements" -RemoveChatHistory -EnableInvitations'],
    check: ({state}) =>
      expect(byName(state.categories, 'Announcements')).toMatchObject({
        poolFqdn: POOL,
        chatHistory: false,
        invitations: true,
      }),
  },
  {
    title: 'repeating the New example fails with DuplicateName and changes nothing',
    lines: [
      'New-CsPersistentChatCategory -Name "HelpDesk" -PersistentChatPoolFqdn "pc1.dc1.example.org" -EnableFileUpload',
    ],
    check: ({last, state}) => {
      expect(errorIds(last)).toEqual(['DuplicateName']);
      expect(last.committed).toBe(false);
      expect(state.categories).toHaveLength(5);
    },
  },
  {
    title: 'Set-CsPersistentChatCategory -FileUpload $False on a lower-case identity',
    lines: ['Set-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\helpdesk" -FileUpload $False'],
    check: ({state, last}) => {
      expect(byName(state.categories, 'HelpDesk').fileUpload).toBe(false);
      expect(last.output).toEqual([]);
    },
  },
  {
    title: 'Set-CsPersistentChatCategory adds allowed and denied members in one command',
    lines: [
      'Set-CsPersistentChatCategory -Identity "Projects" -AllowedMembers @{Add="sip:carl@example.org", "CN=Users,DC=example,DC=org"} -DeniedMembers @{Add="sip:dora@example.org"}',
    ],
    check: ({state}) =>
      expect(byName(state.categories, 'Projects')).toMatchObject({
        allowedMembers: [CARL, USERS],
        deniedMembers: [DORA],
      }),
  },
  {
    title: 'a creator outside AllowedMembers fails with PrincipalNotInScope and nothing changes',
    lines: ['Set-CsPersistentChatCategory -Identity "Projects" -Creators @{Add="sip:eve@example.org"}'],
    check: ({last, state}) => {
      expect(errorIds(last)).toEqual(['PrincipalNotInScope']);
      expect(byName(state.categories, 'Projects').creators).toEqual([]);
    },
  },
  {
    title: 'Remove-CsPersistentChatCategory deletes an empty category',
    lines: ['Remove-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\helpdesk"'],
    check: ({state}) => expect(state.categories.map((c) => c.name)).not.toContain('HelpDesk'),
  },
  {
    title: 'a pipeline removes the empty categories and reports CategoryNotEmpty for the others',
    lines: ['Get-CsPersistentChatCategory | Remove-CsPersistentChatCategory'],
    check: ({last, state}) => {
      expect(state.categories.map((c) => c.name)).toEqual(['IT', 'ITChat', 'Projects']);
      expect(errorIds(last)).toEqual(['CategoryNotEmpty', 'CategoryNotEmpty', 'CategoryNotEmpty']);
      expect(last.ok).toBe(false);
    },
  },
  {
    title: 'removing IT while ItRoom is in it fails with CategoryNotEmpty',
    lines: ['Remove-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\IT"'],
    check: ({last, state}) => {
      expect(errorIds(last)).toEqual(['CategoryNotEmpty']);
      expect(state.categories).toHaveLength(5);
    },
  },
  {
    title: '-WhatIf writes nothing and says what would happen',
    lines: ['Remove-CsPersistentChatCategory -Identity "Sandbox" -WhatIf'],
    check: ({last, state}) => {
      expect(last.committed).toBe(false);
      expect(last.whatIf).toHaveLength(1);
      expect(state.categories).toHaveLength(5);
    },
  },
  {
    title: '-AsObject shows display names',
    lines: [
      'Set-CsPersistentChatCategory Projects -AllowedMembers "Carl Novak" -AsObject',
      'Get-CsPersistentChatCategory Projects -AsObject',
    ],
    check: ({last}) =>
      expect(last.output).toEqual([expect.objectContaining({AllowedMembers: ['Carl Novak']})]),
  },
  {
    title: 'a view-only operator is denied before anything changes',
    lines: ['Remove-CsPersistentChatCategory -Identity "Sandbox"'],
    options: {user: 'viewer'},
    check: ({last, state}) => {
      expect(errorIds(last)).toEqual(['AccessDenied']);
      expect(state.categories).toHaveLength(5);
    },
  },
];

describe('category examples through the command line', () => {
  it.each(examples)('$title', async (example) => {
    example.check(await runExample(example));
  });
});
