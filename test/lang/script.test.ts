import {describe, expect, it} from 'vitest';
import {splitScript} from '../../src/lang/script.js';

describe('splitScript', () => {
  it.each([
    ['plain lines', 'Get-A\nGet-B', ['Get-A', 'Get-B']],
    ['blank lines and comment lines skipped', '\n# setup\n   \nGet-A\n  # indented comment\n', ['Get-A']],
    ['a UTF-8 BOM stripped', '\uFEFFGet-A', ['Get-A']],
    ['CRLF line endings', 'Get-A\r\nGet-B\r\n', ['Get-A', 'Get-B']],
    ['a trailing comment dropped', 'Get-A -Name x # why', ['Get-A -Name x']],
    ['a # inside quotes kept', 'Get-A -Name "x # y"', ['Get-A -Name "x # y"']],
    ['a # inside a word kept', 'Get-A -Name x#y', ['Get-A -Name x#y']],
    ['a block comment over lines dropped', '<# header\nstill header #>\nGet-A', ['Get-A']],
    [
      'a hashtable over several lines joined',
      'Set-A -M @{\n  Add = "a"\n  Remove = "b"\n}\nGet-B',
      ['Set-A -M @{\n  Add = "a"\n  Remove = "b"\n}', 'Get-B'],
    ],
    ['a trailing pipe continued', 'Get-A |\n  Set-B\nGet-C', ['Get-A |\n  Set-B', 'Get-C']],
    ['a trailing comma continued', 'Set-A -Tags a,\n  b', ['Set-A -Tags a,\n  b']],
    ['a backtick continuation', 'Set-A `\n  -Name x', ['Set-A `\n  -Name x']],
    [
      'an unclosed bracket at the end kept for the parser',
      'Get-A\nSet-B @{Add="x"',
      ['Get-A', 'Set-B @{Add="x"'],
    ],
  ])('handles %s', (_name, text, expected) => {
    expect(splitScript(text)).toEqual(expected);
  });

  it('keeps an unterminated string on its own line so later lines still run', () => {
    expect(splitScript('Get-A "oops\nGet-B')).toEqual(['Get-A "oops', 'Get-B']);
  });
});
