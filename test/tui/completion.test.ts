import {describe, expect, it} from 'vitest';
import {catalog} from '../../src/cmdlets/catalog.js';
import {complete, inlineSuggestion, parseForCompletion} from '../../src/tui/completion.js';
import {contentState} from '../helpers/content-fixture.js';

const ctx = {catalog, state: contentState(), commands: ['quit', 'rooms', 'room.new']};

describe('parseForCompletion', () => {
  it('finds the word being typed in the last statement, honouring quotes', () => {
    expect(
      parseForCompletion("Get-CsPersistentChatRoom -Identity 'a | b' | Set-CsPersistentChatRoom -Pri"),
    ).toEqual({
      prior: ['Set-CsPersistentChatRoom'],
      current: '-Pri',
      firstStatement: false,
    });
  });
});

describe('complete', () => {
  it('completes cmdlet names by prefix, case-insensitively', () => {
    expect(complete('get-cspersistentchatro', ctx)).toEqual(['Get-CsPersistentChatRoom ']);
  });

  it('offers console commands for the first word only', () => {
    expect(complete('roo', ctx)).toContain('rooms ');
    expect(complete('Get-CsPersistentChatRoom | roo', ctx)).not.toContain(
      'Get-CsPersistentChatRoom | rooms ',
    );
  });

  it('completes parameter names from the cmdlet table, leaving out those already given', () => {
    const out = complete('Set-CsPersistentChatRoom -Privacy Open -P', ctx);
    expect(out).toContain('Set-CsPersistentChatRoom -Privacy Open -Presenters ');
    expect(out).not.toContain('Set-CsPersistentChatRoom -Privacy Open -Privacy ');
  });

  it('offers -WhatIf and -Confirm where the cmdlet supports them', () => {
    expect(complete('Remove-CsPersistentChatRoom -Wh', ctx)).toEqual([
      'Remove-CsPersistentChatRoom -WhatIf ',
    ]);
  });

  it('completes enum values', () => {
    expect(complete('Set-CsPersistentChatRoom -Privacy s', ctx)).toEqual([
      'Set-CsPersistentChatRoom -Privacy Secret ',
    ]);
  });

  it('completes object identities by the kind the parameter names, quoting where needed', () => {
    expect(complete('Get-CsPersistentChatRoom -Identity pc1.dc1.example.org\\It', ctx)).toEqual([
      'Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" ',
    ]);
  });

  it('completes the positional identity', () => {
    expect(complete('Remove-CsPersistentChatRoom Lis', ctx)).toEqual([
      'Remove-CsPersistentChatRoom "pc1.dc1.example.org\\LisbonRoom" ',
    ]);
  });

  it('offers nothing after an unknown cmdlet', () => {
    expect(complete('Frobnicate -X', ctx)).toEqual([]);
  });

  it('shows the rest of a candidate that extends the text as the inline suggestion', () => {
    expect(inlineSuggestion('Get-CsPers', 'Get-CsPersistentChatRoom ')).toBe('istentChatRoom ');
    expect(inlineSuggestion('xyz', 'Get-CsPersistentChatRoom ')).toBe('');
  });
});
