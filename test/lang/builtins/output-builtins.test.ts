// Write-Output, Write-Host, Write-Warning, Out-String, ConvertTo-Json, ConvertFrom-Json and
// ConvertTo-Csv, each against what PowerShell 7 outputs for the same line.

import {describe, expect, it} from 'vitest';
import type {Value} from '../../../src/cmdlets/types.js';
import {expectNoErrors, run} from '../fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('Write-Output, Write-Host and Write-Warning', () => {
  it.each([
    ['Write-Output a list item by item', 'Write-Output "a","b" | Measure-Object | % {$_.Count}', [2]],
    ['Write-Output -NoEnumerate', 'Write-Output "a","b" -NoEnumerate | Measure-Object | % {$_.Count}', [1]],
    ['Write-Output piped values', '1,2 | Write-Output', [1, 2]],
    ['the echo alias', 'echo hello', ['hello']],
    ['Write-Host values joined by spaces', 'Write-Host "a",1,$true', ['a 1 True']],
    ['Write-Host -Separator', 'Write-Host "a","b" -Separator ", "', ['a, b']],
    ['Write-Host piped values, one line each', '"a","b" | Write-Host', ['a', 'b']],
  ])('%s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('writes a warning record and no output', () => {
    const result = run('Write-Warning "Check the pool."; "x","y" | Write-Warning');
    expect(result.output).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {warningId: 'WriteWarning', message: 'Check the pool.', target: null},
      {warningId: 'WriteWarning', message: 'x', target: null},
      {warningId: 'WriteWarning', message: 'y', target: null},
    ]);
  });
});

describe('Out-String', () => {
  it('turns objects into their list view, as one string', () => {
    expect(output('Get-FakePolicy Global | Select-Object Identity,Rev | Out-String')).toEqual([
      '\nIdentity : Global\nRev      : 1\n\n',
    ]);
  });

  it('outputs each line with -Stream', () => {
    expect(output('"a","b" | Out-String -Stream')).toEqual(['a', 'b']);
    expect(output('"a","b" | Out-String')).toEqual(['a\nb\n']);
  });
});

describe('ConvertTo-Json', () => {
  it.each([
    ['a string', '"a" | ConvertTo-Json', '"a"'],
    ['several values as an array', '1,"b",$null,$true | ConvertTo-Json -Compress', '[1,"b",null,true]'],
    ['-AsArray', '1 | ConvertTo-Json -AsArray -Compress', '[1]'],
    [
      'an object, indented by two spaces',
      'Get-FakePolicy Tag:Ops | Select-Object Identity,Tags | ConvertTo-Json',
      '{\n  "Identity": "Tag:Ops",\n  "Tags": [\n    "tag",\n    "ops"\n  ]\n}',
    ],
    ['a hashtable', '@{a=1} | ConvertTo-Json -Compress', '{"a":1}'],
    [
      'objects past -Depth as their text',
      '@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress',
      '{"a":{"b":{"c":"System.Collections.Hashtable"}}}',
    ],
    ['-Depth 0', '@{a=@{b=1}} | ConvertTo-Json -Depth 0 -Compress', '{"a":"System.Collections.Hashtable"}'],
    ['quotes and control characters escaped', '"a`"b`n" | ConvertTo-Json', '"a\\"b\\n"'],
  ])('writes %s', (_name, line, expected) => {
    expect(run(line).output).toEqual([expected]);
  });

  it('warns when it cuts at the depth', () => {
    expect(run('@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json').warnings).toEqual([
      {
        warningId: 'JsonTruncated',
        message: 'Resulting JSON is truncated as serialization has exceeded the set depth of 2.',
        target: null,
      },
    ]);
  });

  it('outputs nothing for no input', () => {
    expect(output('$null | ConvertTo-Json')).toEqual([]);
  });
});

describe('ConvertFrom-Json', () => {
  it.each([
    ['an object', `'{"Name":"a","N":[1,2]}' | ConvertFrom-Json`, [{Name: 'a', N: [1, 2]}]],
    ['an array, item by item', `'[1,"x",null]' | ConvertFrom-Json`, [1, 'x', null]],
    ['-NoEnumerate', `'[1,2]' | ConvertFrom-Json -NoEnumerate`, [[1, 2]]],
    ['lines joined', `'[1,','2]' | ConvertFrom-Json`, [1, 2]],
    ['-AsHashtable', `'{"a":1}' | ConvertFrom-Json -AsHashtable`, [{kind: 'hashtable', entries: [['a', 1]]}]],
  ])('reads %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('round-trips objects through ConvertTo-Json', () => {
    expect(
      output(
        'Get-FakePolicy | Select-Object Identity,Tags | ConvertTo-Json | ConvertFrom-Json | % {$_.Tags.Count}',
      ),
    ).toEqual([1, 2, 2]);
  });

  it.each([
    ['text that is not JSON', `'{a' | ConvertFrom-Json`, 'InvalidValue'],
    ['a __proto__ key', `'{"__proto__":{"x":1}}' | ConvertFrom-Json`, 'InvalidValue'],
    [
      'nesting past 1024 levels',
      `'${'['.repeat(1100)}${']'.repeat(1100)}' | ConvertFrom-Json`,
      'LimitExceeded',
    ],
  ])('refuses %s', (_name, line, errorId) => {
    expect(run(line).errors).toMatchObject([{cmdlet: 'ConvertFrom-Json', errorId}]);
  });
});

describe('ConvertTo-Csv', () => {
  it.each([
    [
      'a header and quoted fields',
      'Get-FakePolicy | Select-Object Identity,Description,EnablePersistentChat | ConvertTo-Csv',
      [
        '"Identity","Description","EnablePersistentChat"',
        '"Global","","True"',
        '"Tag:Sales","sales team","True"',
        '"Tag:Ops","InUse","False"',
      ],
    ],
    ['a quote doubled', `@{a='say "hi"'} | ConvertTo-Csv`, ['"a"', '"say ""hi"""']],
    [
      'a list as its type name',
      'Get-FakePolicy Global | Select-Object Tags | ConvertTo-Csv',
      ['"Tags"', '"System.Object[]"'],
    ],
    [
      '-UseQuotes AsNeeded and -Delimiter',
      `@{a='x;y'},@{a='z'} | ConvertTo-Csv -UseQuotes AsNeeded -Delimiter ";"`,
      ['a', '"x;y"', 'z'],
    ],
    ['-NoHeader', `@{a=1} | ConvertTo-Csv -NoHeader -NoTypeInformation`, ['"1"']],
    ['a string as its Length', '"abc" | ConvertTo-Csv', ['"Length"', '"3"']],
    ['nothing for no input', '$null | ConvertTo-Csv', []],
  ])('writes %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });
});
