import {describe, expect, it} from 'vitest';
import {categoryCmdlets} from '../../src/cmdlets/category-cmdlets.js';
import {ANA, byName, CARL, contentState, DOMAIN, OU_IT, POOL} from '../helpers/content-fixture.js';
import {CONTENT_CMDLETS, invoke} from '../helpers/content-invoke.js';

describe('the content cmdlet table', () => {
  it('gives every cmdlet a summary, an example and help on every parameter', () => {
    for (const spec of CONTENT_CMDLETS) {
      expect(spec.summary, spec.name).not.toBe('');
      expect(spec.examples.length, spec.name).toBeGreaterThan(0);
      for (const [name, param] of Object.entries(spec.params))
        expect(param.help, `${spec.name} -${name}`).not.toBe('');
    }
  });

  it('lets only Get cmdlets and the message test run with read permission', () => {
    const read = CONTENT_CMDLETS.filter((c) => c.permission === 'read').map((c) => c.name);
    expect(read.every((n) => n.startsWith('Get-') || n === 'Test-CsPersistentChatMessage')).toBe(true);
    expect(
      CONTENT_CMDLETS.filter((c) => c.mutates).every(
        (c) => c.permission === 'content' && c.supportsShouldProcess,
      ),
    ).toBe(true);
  });

  it('exports the four category cmdlets', () => {
    expect(categoryCmdlets.map((c) => c.name)).toEqual([
      'Get-CsPersistentChatCategory',
      'New-CsPersistentChatCategory',
      'Set-CsPersistentChatCategory',
      'Remove-CsPersistentChatCategory',
    ]);
  });
});

describe('Get-CsPersistentChatCategory', () => {
  it('writes objects with every documented property', () => {
    const {output} = invoke(contentState(), 'Get-CsPersistentChatCategory', {Identity: 'IT'});
    expect(output).toEqual([
      {
        Identity: `${POOL}\\IT`,
        Name: 'IT',
        Description: null,
        PersistentChatPoolFqdn: POOL,
        Invitations: true,
        Invites: true,
        FileUpload: true,
        ChatHistory: true,
        AllowedMembers: [DOMAIN],
        DeniedMembers: [],
        Creators: [OU_IT],
      },
    ]);
  });

  it('shows display names with -AsObject', () => {
    const state = invoke(contentState(), 'Set-CsPersistentChatCategory', {
      Identity: 'Projects',
      AllowedMembers: {add: [CARL]},
    }).state;
    expect(
      invoke(state, 'Get-CsPersistentChatCategory', {Identity: 'Projects', AsObject: true}).output[0]?.[
        'AllowedMembers'
      ],
    ).toEqual(['Carl Novak']);
  });
});

describe('New-CsPersistentChatCategory', () => {
  it('creates the category, writes it and names it as the target', () => {
    const run = invoke(contentState(), 'New-CsPersistentChatCategory', {
      Name: 'Announcements',
      RemoveChatHistory: true,
      EnableInvitations: true,
    });
    expect(run.output[0]).toMatchObject({
      Identity: `${POOL}\\Announcements`,
      ChatHistory: false,
      Invitations: true,
      FileUpload: false,
    });
    expect(run.targets).toEqual([`${POOL}\\Announcements`]);
    expect(byName(run.state.categories, 'Announcements')).toMatchObject({
      id: 'id-1',
      rev: contentState().revision + 1,
    });
  });

  it('changes nothing with -WhatIf', () => {
    const before = contentState();
    const run = invoke(before, 'New-CsPersistentChatCategory', {Name: 'Announcements'}, {whatIf: true});
    expect(run.state).toBe(before);
    expect(run.whatIf).toEqual([
      `What if: Performing the operation "New-CsPersistentChatCategory" on target "${POOL}\\Announcements".`,
    ]);
  });

  it('still validates under -WhatIf', () => {
    expect(
      invoke(contentState(), 'New-CsPersistentChatCategory', {Name: 'HelpDesk'}, {whatIf: true}).errors.map(
        (e) => e.errorId,
      ),
    ).toEqual(['DuplicateName']);
  });
});

describe('Set-CsPersistentChatCategory', () => {
  it('takes display names with -AsObject', () => {
    const run = invoke(contentState(), 'Set-CsPersistentChatCategory', {
      Identity: 'Projects',
      AllowedMembers: {add: ['Ana Silva']},
      AsObject: true,
    });
    expect(byName(run.state.categories, 'Projects').allowedMembers).toEqual([ANA]);
  });

  it('takes the list modifier the binder made of a plain list (replace) and of $Null (empty)', () => {
    const replaced = invoke(contentState(), 'Set-CsPersistentChatCategory', {
      Identity: 'IT',
      AllowedMembers: {replace: [OU_IT, 'sip:carl@example.org']},
    }).state;
    expect(byName(replaced.categories, 'IT').allowedMembers).toEqual([OU_IT, CARL]);
    const emptied = invoke(contentState(), 'Set-CsPersistentChatCategory', {
      Identity: 'IT',
      Creators: {replace: []},
    }).state;
    expect(byName(emptied.categories, 'IT').creators).toEqual([]);
  });

  it('acts on piped category objects', () => {
    const objects = invoke(contentState(), 'Get-CsPersistentChatCategory', {}).output;
    const run = invoke(
      contentState(),
      'Set-CsPersistentChatCategory',
      {FileUpload: false},
      {pipeline: objects},
    );
    expect(run.state.categories.every((c) => !c.fileUpload)).toBe(true);
  });

  it('writes nothing and names no target when nothing changes', () => {
    const before = contentState();
    const run = invoke(before, 'Set-CsPersistentChatCategory', {Identity: 'IT', FileUpload: true});
    expect(run.state).toBe(before);
    expect(run.targets).toEqual([]);
    expect(run.output).toEqual([]);
  });

  it('fails without an identity', () => {
    expect(
      invoke(contentState(), 'Set-CsPersistentChatCategory', {FileUpload: true}).errors.map((e) => e.errorId),
    ).toEqual(['MissingParameter']);
  });
});

describe('Remove-CsPersistentChatCategory', () => {
  it('removes empty categories from a pipeline and reports the others without stopping', () => {
    const objects = invoke(contentState(), 'Get-CsPersistentChatCategory', {}).output;
    const run = invoke(contentState(), 'Remove-CsPersistentChatCategory', {}, {pipeline: objects});
    expect(run.state.categories.map((c) => c.name)).toEqual(['IT', 'ITChat', 'Projects']);
    expect(run.errors.map((e) => e.errorId)).toEqual([
      'CategoryNotEmpty',
      'CategoryNotEmpty',
      'CategoryNotEmpty',
    ]);
  });

  it('accepts identity strings from the pipeline', () => {
    const run = invoke(
      contentState(),
      'Remove-CsPersistentChatCategory',
      {},
      {pipeline: [`${POOL}\\Sandbox`, 'HelpDesk']},
    );
    expect(run.state.categories.map((c) => c.name)).toEqual(['IT', 'ITChat', 'Projects']);
  });

  it('does not let -Force remove a category that holds rooms', () => {
    expect(
      invoke(contentState(), 'Remove-CsPersistentChatCategory', {Identity: 'IT', Force: true}).errors.map(
        (e) => e.errorId,
      ),
    ).toEqual(['CategoryNotEmpty']);
  });
});
