import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('$Matches after -match', () => {
  it.each([
    ['the whole match as 0', '$null = "room-42" -match "\\d+"; $Matches[0]', ['42']],
    ['numbered groups', '$null = "pc1\\It" -match "^(.+)\\\\(.+)$"; $Matches[1]; $Matches[2]', ['pc1', 'It']],
    [
      'named groups',
      '$null = "k=v" -match "(?<key>\\w)=(?<value>\\w)"; $Matches.key + $Matches["VALUE"]',
      ['kv'],
    ],
    ['a named group numbered after the unnamed ones', '$null = "ab" -match "(?<x>a)(b)"; $Matches[1]', ['b']],
    [
      'a group that took no part, left out',
      '$null = "b" -match "(a)?(b)"; $Matches.Count; $Matches[2]',
      [2, 'b'],
    ],
    ['the result of the comparison as well', '"abc" -match "B"', [true]],
    ['a match in an if condition', 'if ("Tag:Sales" -match "^Tag:(.*)") { $Matches[1] }', ['Sales']],
    ['-notmatch that finds the pattern', '$null = "abc" -notmatch "(b)"; $Matches[1]', ['b']],
    [
      'a match inside a Where-Object block',
      '$x = Get-FakePolicy | Where-Object {$_.Identity -match "Tag:(O.*)"}; $Matches[1]',
      ['Ops'],
    ],
  ])('holds %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('keeps the last successful match when a match fails', () => {
    expect(output('$null = "a1" -match "\\d"; $null = "zz" -match "\\d"; $Matches[0]')).toEqual(['1']);
  });

  it('is not set by -match on a collection, which answers with the matching items', () => {
    expect(output('"a1","b","c2" -match "\\d"; $Matches -eq $null')).toEqual(['a1', 'c2', true]);
  });

  it('is not set by a failed match', () => {
    expect(output('$null = "zz" -match "\\d"; $Matches -eq $null')).toEqual([true]);
  });

  it('is a hashtable listing the last group first, as PowerShell shows it', () => {
    const [matches] = output('$null = "ab" -match "(a)(b)"; $Matches');
    expect(matches).toEqual({
      kind: 'hashtable',
      entries: [
        ['2', 'b'],
        ['1', 'a'],
        ['0', 'ab'],
      ],
    });
  });
});

describe('hashtables, as $Matches is read', () => {
  it('counts the entries of a hashtable, as PowerShell does', () => {
    expect(output('$h = @{a=1; b=2; c=3}; $h.Count')).toEqual([3]);
  });

  it('reads a quoted key in brackets', () => {
    expect(output('$h = @{Name="x"}; $h["name"]')).toEqual(['x']);
  });
});
