import {describe, expect, it} from 'vitest';
import {formatOutputText} from '../../src/cli/format-text.js';
import {inlineValue as formatValueText} from '../../src/lang/present/inline-value.js';
import {
  errorLine as formatErrorText,
  warningLine as formatWarningText,
  whatIfLine as formatWhatIfText,
} from '../../src/lang/present/record-lines.js';

describe('formatOutputText', () => {
  it('prints an object as a list with names padded to the longest one', () => {
    expect(
      formatOutputText([{Identity: 'pc1.dc1.example.org\\ItRoom', Privacy: 'Closed', Disabled: false}]),
    ).toBe(
      ['', 'Identity : pc1.dc1.example.org\\ItRoom', 'Privacy  : Closed', 'Disabled : False', '', ''].join(
        '\n',
      ),
    );
  });

  it('separates objects by one blank line', () => {
    expect(formatOutputText([{A: 1}, {B: 2}])).toBe('\nA : 1\n\nB : 2\n\n');
  });

  it.each([
    ['null as nothing', null, ''],
    ['Booleans', true, 'True'],
    ['numbers', 100, '100'],
    ['strings as themselves', 'ItRoom', 'ItRoom'],
    [
      'lists of strings in braces',
      ['sip:ana@example.org', 'CN=Users,DC=example,DC=org'],
      '{sip:ana@example.org, CN=Users,DC=example,DC=org}',
    ],
    ['an empty list', [], '{}'],
    ['a nested object', {Name: 'x', Size: 2}, '@{Name=x; Size=2}'],
    ['a script block as its text', {kind: 'scriptblock', text: '$_.A -eq 1'}, '$_.A -eq 1'],
    // PowerShell shows a credential inside an object by its type name, never its user or password.
    [
      'a credential as its type',
      {kind: 'credential', userName: 'EXAMPLE\\ana'},
      'System.Management.Automation.PSCredential',
    ],
    [
      'a hashtable as its entries',
      {
        kind: 'hashtable',
        entries: [
          ['a', 1],
          ['b', 'x'],
        ],
      },
      '{[a, 1], [b, x]}',
    ],
    [
      'bytes, shortened',
      {kind: 'bytes', data: Uint8Array.from({length: 20}, (_, i) => i)},
      '{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15...}',
    ],
  ] as const)('shows %s', (_name, value, expected) => {
    expect(formatValueText(value)).toBe(expected);
  });

  it('leaves the value column empty for null, without trailing spaces', () => {
    expect(formatOutputText([{Description: null, Name: 'x'}])).toBe('\nDescription :\nName        : x\n\n');
  });

  it('prints strings and help text line by line', () => {
    expect(formatOutputText(['NAME\n    Get-X', 'second'])).toBe('NAME\n    Get-X\nsecond\n');
  });

  it('prints nothing for no output', () => {
    expect(formatOutputText([])).toBe('');
    expect(formatOutputText([null])).toBe('');
  });

  it('makes every string from the data safe to show', () => {
    const hostile = 'Room\u001b]0;owned\u0007\u202e';
    const text = formatOutputText([{Name: hostile, Members: [hostile]}, hostile]);
    for (const ch of ['\u001b', '\u0007', '\u202e']) expect(text).not.toContain(ch);
    expect(text).toContain('Room^[]0;owned^G\\u{202e}');
    expect(formatOutputText(['line\rover'])).toBe('line^Mover\n');
  });
});

describe('errors, warnings and what-if lines', () => {
  it('prints an error as <Cmdlet> : <message> [<ErrorId>]', () => {
    expect(
      formatErrorText({
        cmdlet: 'Remove-CsPersistentChatRoom',
        errorId: 'RoomNotFound',
        message: 'No room named "X" exists.',
        target: 'X',
      }),
    ).toBe('Remove-CsPersistentChatRoom : No room named "X" exists. [RoomNotFound]');
  });

  it('prints a warning as WARNING: <message> [<WarningId>]', () => {
    expect(
      formatWarningText({warningId: 'NoActiveServers', message: 'No server is active.', target: null}),
    ).toBe('WARNING: No server is active. [NoActiveServers]');
  });

  it('escapes what the data put into messages', () => {
    expect(
      formatErrorText({
        cmdlet: 'Get-X',
        errorId: 'InvalidValue',
        message: 'bad "\u001b[2J"\nnext',
        target: null,
      }),
    ).toBe('Get-X : bad "^[[2J"^Jnext [InvalidValue]');
    expect(formatWarningText({warningId: 'NoActiveServers', message: '\u009b31m', target: null})).toBe(
      'WARNING: \\u{9b}31m [NoActiveServers]',
    );
    expect(formatWhatIfText('What if: Performing the operation "Remove" on target "a\u001bb".')).toContain(
      '"a^[b"',
    );
  });
});
