import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {parseFilterText} from '../../src/lang/parse-filter.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

const ids = (line: string): unknown[] => output(line).map((o) => (o as {Identity: string}).Identity);

describe('filter blocks read by the value parser', () => {
  it('binds -not tighter than a comparison, as PowerShell does: (-not $_) -eq $true', () => {
    expect(output('0,1,2 | Where-Object {-not $_ -eq $true}')).toEqual([0]);
    expect(output('0,1,2 | Where-Object {-not ($_ -eq 1)}')).toEqual([0, 2]);
  });

  it('reads -not before a comparison as a unary operator on the left operand', () => {
    const parsed = parseFilterText('-not $_.A -eq 1');
    expect(parsed).toMatchObject({kind: 'binary', op: 'eq', left: {kind: 'unary', op: 'not'}});
  });

  it.each([
    ['arithmetic before a comparison', '{$_ * 2 -gt 3}', [2, 3]],
    ['-f before a comparison', '{("{0}x" -f $_) -eq "2x"}', [2]],
    ['-replace in a comparison chain', '{($_ -replace "1","one") -eq "one"}', [1]],
    ['-xor between two tests', '{$_ -gt 1 -xor $_ -gt 2}', [2]],
  ])('evaluates %s in a Where-Object block', (_name, block, expected) => {
    expect(output(`1,2,3 | Where-Object ${block}`)).toEqual(expected);
  });

  it.each([
    ['a bare property on the left, text on the right', '{Identity -eq Global}', ['Global']],
    [
      'bare properties on both sides of -and',
      '{Identity -like "Tag:*" -and EnablePersistentChat}',
      ['Tag:Sales'],
    ],
    ['a bare property in arithmetic', '{Rev + 1 -eq 2}', ['Global', 'Tag:Sales', 'Tag:Ops']],
    [
      'a bare property in parentheses',
      '{(Identity -eq "Global") -or (Description -eq "InUse")}',
      ['Global', 'Tag:Ops'],
    ],
    ['-not on a bare property', '{-not EnablePersistentChat}', ['Tag:Ops']],
  ])('keeps the -Filter form with %s', (_name, block, expected) => {
    expect(ids(`Get-FakePolicy -Filter ${block}`)).toEqual(expected);
  });

  it('still answers yes or no for a comparison with a list on its left', () => {
    expect(ids('Get-FakePolicy | Where-Object {$_.Tags -ne "tag"}')).toEqual([
      'Global',
      'Tag:Sales',
      'Tag:Ops',
    ]);
  });
});
