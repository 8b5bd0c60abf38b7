// Calculated properties in Select-Object (the rule Format-Table uses) and script blocks in Sort-Object.

import {describe, expect, it} from 'vitest';
import type {Value} from '../../../src/cmdlets/types.js';
import {expectNoErrors, run} from '../fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('Select-Object with calculated properties', () => {
  it.each([
    [
      'Name and Expression',
      'Get-FakePolicy | Select-Object Identity,@{Name="Tags";Expression={$_.Tags.Count}}',
    ],
    ['n and e', 'Get-FakePolicy | Select-Object Identity,@{n="Tags";e={$_.Tags.Count}}'],
    ['l and e', 'Get-FakePolicy | Select-Object Identity,@{l="Tags";e={$_.Tags.Count}}'],
    [
      'Label and a property name',
      'Get-FakePolicy | Select-Object Identity,@{Label="Tags";Expression="Tags"} | Select-Object Identity,@{n="Tags";e={$_.Tags.Count}}',
    ],
  ])('adds the property: %s', (_name, line) => {
    expect(output(line)).toEqual([
      {Identity: 'Global', Tags: 1},
      {Identity: 'Tag:Sales', Tags: 2},
      {Identity: 'Tag:Ops', Tags: 2},
    ]);
  });

  it('names the property after the block when the hashtable has no name', () => {
    expect(output('Get-FakePolicy | Select-Object -First 1 @{e={$_.Rev}}')).toEqual([{'$_.Rev': 1}]);
  });

  it('keeps plain names as before', () => {
    expect(output('Get-FakePolicy | Select-Object -First 1 Identity')).toEqual([{Identity: 'Global'}]);
  });

  it('refuses an unknown key as Format-Table does', () => {
    const [error] = run('Get-FakePolicy | Select-Object @{Name="x"; Colour={$_.Rev}}').errors;
    expect(error?.errorId).toBe('InvalidValue');
    expect(error?.message).toMatch(/The key "Colour" is not valid in a calculated property/);
  });
});

describe('Sort-Object with script blocks', () => {
  it.each([
    ['a block', '"ccc","a","bb" | Sort-Object {$_.Length}', ['a', 'bb', 'ccc']],
    ['a block, then a name', '"bb","b","aa","a" | Sort-Object {$_.Length},{$_}', ['a', 'b', 'aa', 'bb']],
    ['a block with arithmetic, descending', '1,2,3 | Sort-Object {$_ % 2},{$_} -Descending', [3, 1, 2]],
    [
      'a block over properties, then a property',
      'Get-FakePolicy | Sort-Object {$_.Identity.Length},Identity | % {$_.Identity}',
      ['Global', 'Tag:Ops', 'Tag:Sales'],
    ],
  ])('sorts by %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });
});
