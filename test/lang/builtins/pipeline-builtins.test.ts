// ForEach-Object, Sort-Object, Measure-Object, Group-Object and Select-Object's picking switches,
// each against what PowerShell outputs for the same line.

import {describe, expect, it} from 'vitest';
import type {Value} from '../../../src/cmdlets/types.js';
import {expectNoErrors, run} from '../fake-catalog.js';

const output = (line: string, variables?: Map<string, Value>): readonly Value[] => {
  const result = run(line, variables ? {variables} : {});
  expectNoErrors(result);
  return result.output;
};

describe('ForEach-Object', () => {
  it.each([
    ['a property', 'Get-FakePolicy | ForEach-Object {$_.Identity}', ['Global', 'Tag:Sales', 'Tag:Ops']],
    ['the % alias', 'Get-FakePolicy | % {$_.Rev}', [1, 1, 1]],
    ['the foreach alias', '1,2 | foreach {$_}', [1, 2]],
    ['an expandable string', 'Get-FakePolicy | % {"$($_.Identity)!"}', ['Global!', 'Tag:Sales!', 'Tag:Ops!']],
    ['.Count of a list', 'Get-FakePolicy | % {$_.Tags.Count}', [1, 2, 2]],
    ['a list, item by item', 'Get-FakePolicy | % {$_.Tags}', ['global', 'tag', 'sales', 'tag', 'ops']],
    ['a comparison, as True or False', 'Get-FakePolicy | % {$_.Rev -eq 1}', [true, true, true]],
    // As a bare `$nothing` line does, a block whose value is $null writes nothing to the pipeline.
    ['a missing property, as nothing', '"a" | % {$_.Nothing}', []],
    ['an empty block, as nothing', '"a","b" | % {}', []],
    ['the member form', 'Get-FakePolicy | ForEach-Object Identity', ['Global', 'Tag:Sales', 'Tag:Ops']],
    [
      'the member form on a list',
      'Get-FakePolicy | ForEach-Object -MemberName Tags',
      ['global', 'tag', 'sales', 'tag', 'ops'],
    ],
  ])('outputs %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('sees the variables of the script', () => {
    const variables = new Map<string, Value>([['suffix', '-x']]);
    expect(output('"a","b" | % {"$_$suffix"}', variables)).toEqual(['a-x', 'b-x']);
  });
});

describe('Sort-Object', () => {
  it.each([
    ['numbers numerically', '10,9,100,1 | Sort-Object', [1, 9, 10, 100]],
    ['text without case', '"b","A","c","a" | Sort-Object', ['A', 'a', 'b', 'c']],
    ['-Descending', '"b","A","c" | Sort-Object -Descending', ['c', 'b', 'A']],
    ['-Unique without case', '"b","A","a","B" | Sort-Object -Unique', ['A', 'b']],
    [
      '-CaseSensitive, lower case first',
      '"B","a","A","b" | Sort-Object -CaseSensitive',
      ['a', 'A', 'b', 'B'],
    ],
    ['$null first', '"b",$null,"a" | Sort-Object', [null, 'a', 'b']],
    ['$null last when descending', '"b",$null,"a" | Sort-Object -Descending', ['b', 'a', null]],
    ['booleans False first', '$true,$false | Sort-Object', [false, true]],
  ])('sorts %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('sorts by several properties, the first first, keeping the order of equal objects', () => {
    const ids = output('Get-FakePolicy | Sort-Object EnablePersistentChat,Identity').map(
      (o) => (o as {Identity: string}).Identity,
    );
    expect(ids).toEqual(['Tag:Ops', 'Global', 'Tag:Sales']);
    expect(output('Get-FakePolicy | Sort-Object Rev').map((o) => (o as {Identity: string}).Identity)).toEqual(
      ['Global', 'Tag:Sales', 'Tag:Ops'],
    );
  });
});

describe('Measure-Object', () => {
  const result = (fields: Partial<Record<string, Value>>) => ({
    Count: 0,
    Average: null,
    Sum: null,
    Maximum: null,
    Minimum: null,
    Property: null,
    ...fields,
  });

  it.each([
    ['counts the objects', 'Get-FakePolicy | Measure-Object', result({Count: 3})],
    ['counts nothing', '$null | Measure-Object', result({Count: 0})],
    ['sums numbers', '1,2,3,4 | Measure-Object -Sum', result({Count: 4, Sum: 10})],
    [
      'gives every statistic',
      '1,2,3,4 | Measure-Object -Sum -Average -Minimum -Maximum',
      result({Count: 4, Sum: 10, Average: 2.5, Minimum: 1, Maximum: 4}),
    ],
    ['reads numbers in text', '"2","3" | Measure-Object -Sum', result({Count: 2, Sum: 5})],
    [
      'measures a property',
      'Get-FakePolicy | Measure-Object -Property Rev -Sum',
      result({Count: 3, Sum: 3, Property: 'Rev'}),
    ],
    [
      'counts only the objects with a value',
      'Get-FakePolicy | Measure-Object Description',
      result({Count: 2, Property: 'Description'}),
    ],
  ])('%s', (_name, line, expected) => {
    expect(output(line)).toEqual([expected]);
  });

  it('refuses a value that is not a number', () => {
    expect(run('"a",1 | Measure-Object -Sum').errors).toMatchObject([
      {cmdlet: 'Measure-Object', errorId: 'InvalidValue', message: 'Input object "a" is not numeric.'},
    ]);
  });

  it('reports a property no object has', () => {
    expect(run('Get-FakePolicy | Measure-Object Nothing').errors).toMatchObject([
      {
        errorId: 'InvalidValue',
        message: 'The property "Nothing" cannot be found in the input for any objects.',
      },
    ]);
  });
});

describe('Group-Object', () => {
  it('groups by a property in the order groups first appear', () => {
    const groups = output('Get-FakePolicy | Group-Object EnablePersistentChat') as {
      Count: number;
      Name: string;
      Group: {Identity: string}[];
    }[];
    expect(groups.map((g) => [g.Count, g.Name, g.Group.map((o) => o.Identity)])).toEqual([
      [2, 'True', ['Global', 'Tag:Sales']],
      [1, 'False', ['Tag:Ops']],
    ]);
  });

  it.each([
    [
      'without case',
      '"a","A","b" | Group-Object -NoElement',
      [
        {Count: 2, Name: 'a'},
        {Count: 1, Name: 'b'},
      ],
    ],
    [
      'with case',
      '"a","A" | Group-Object -NoElement -CaseSensitive',
      [
        {Count: 1, Name: 'a'},
        {Count: 1, Name: 'A'},
      ],
    ],
    [
      'by two properties, joined by a comma',
      'Get-FakePolicy | Group-Object Rev,EnablePersistentChat -NoElement',
      [
        {Count: 2, Name: '1, True'},
        {Count: 1, Name: '1, False'},
      ],
    ],
    ['keeping the objects', '1,1 | Group-Object', [{Count: 2, Name: '1', Group: [1, 1]}]],
  ])('groups %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });
});

describe('Select-Object picking', () => {
  it.each([
    ['-Skip', '1,2,3,4 | Select-Object -Skip 2', [3, 4]],
    ['-Last', '1,2,3,4 | Select-Object -Last 2', [3, 4]],
    ['-Index, in input order, once each', '"a","b","c","d" | Select-Object -Index 3,1,1', ['b', 'd']],
    ['-Index past the end', '"a","b" | Select-Object -Index 5', []],
    ['-Unique with case', '"a","A","a" | Select-Object -Unique', ['a', 'A']],
    ['-Unique over selected properties', 'Get-FakePolicy | Select-Object Rev -Unique', [{Rev: 1}]],
  ])('%s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });
});
