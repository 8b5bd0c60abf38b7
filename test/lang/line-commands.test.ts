import {describe, expect, it} from 'vitest';
import {catalog} from '../../src/cmdlets/catalog.js';
import {commandNamesIn, commandsIn, unknownCommandIn} from '../../src/lang/line-commands.js';

describe('the commands a line would run', () => {
  it.each<[string, string[]]>([
    ['Get-CsPersistentChatRoom', ['Get-CsPersistentChatRoom']],
    [
      'Get-CsPersistentChatRoom | where {$_.Name -like "It*"} | Remove-CsPersistentChatRoom',
      ['Get-CsPersistentChatRoom', 'Where-Object', 'Remove-CsPersistentChatRoom'],
    ],
    [
      '$r = Get-CsPersistentChatRoom; $r | Set-CsPersistentChatRoom -Disabled $true',
      ['Get-CsPersistentChatRoom', 'Set-CsPersistentChatRoom'],
    ],
    ['"a","b" | Get-CsAdPrincipal', ['Get-CsAdPrincipal']],
    [
      '$x = foreach ($r in Get-CsPersistentChatRoom) { $r | Remove-CsPersistentChatRoom }',
      ['Get-CsPersistentChatRoom', 'Remove-CsPersistentChatRoom'],
    ],
    ['$x = if ($true) { Get-CsPersistentChatRoom }', ['Get-CsPersistentChatRoom']],
    ['Get-CsPersistentChatRoom -Identity "x; Remove-CsPersistentChatRoom | y"', ['Get-CsPersistentChatRoom']],
    ['Get-CsPersistentChatRoom -Identity "unterminated', []],
  ])('%s', (line, names) => {
    expect(commandsIn(line, catalog).map((c) => c.name)).toEqual(names);
  });

  it('keeps the names as typed, even when they are no command', () => {
    expect(commandNamesIn('Get-Nothing | select Name')).toEqual(['Get-Nothing', 'select']);
  });

  it('names the first word that is no command, after aliases and builtins', () => {
    expect(unknownCommandIn('Get-CsPersistentChatRoom | ? {$_.Disabled} | select Name', catalog)).toBeNull();
    expect(unknownCommandIn('Get-CsPersistentChatRoom | Sort-Thing Name', catalog)).toBe('Sort-Thing');
    expect(unknownCommandIn('Get-CsPersistentChatRoom -Identity "x', catalog)).toBeNull();
  });
});
