import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {evaluateLine} from '../../src/lang/evaluate.js';
import {evalOptions, expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('commands inside $( ) in an expandable string', () => {
  it.each([
    [
      'a pipeline ending in ForEach-Object',
      '"policies: $(Get-FakePolicy | Measure-Object | ForEach-Object {$_.Count})"',
      'policies: 3',
    ],
    ['a pipeline in parentheses with a member', '"$((Get-FakePolicy).Count) policies"', '3 policies'],
    [
      'a command alone',
      '"first: $(Get-FakePolicy Global | Select-Object -ExpandProperty Identity)"',
      'first: Global',
    ],
    [
      'several items, joined with spaces',
      '"$(Get-FakePolicy | ForEach-Object {$_.Identity})"',
      'Global Tag:Sales Tag:Ops',
    ],
    ['a command with no output, as nothing', '"[$(Get-FakePolicy | Where-Object {$_.Rev -gt 5})]"', '[]'],
    ['a value, as before', '$n = 2; "$($n * 3)"', '6'],
  ])('expands %s', (_name, line, expected) => {
    expect(output(line)).toEqual([expected]);
  });

  it('reports a failing command inside the string as its error, and writes nothing for the statement', () => {
    const result = run('"x $(Get-FakePolicy Nowhere)"');
    expect(result.errors.map((e) => e.errorId)).toEqual(['PolicyNotFound']);
  });

  it('refuses two statements in one $( )', () => {
    expect(run('"$(1; 2)"').errors[0]).toMatchObject({errorId: 'ParserError'});
  });

  it('stops a command inside the string at the line time budget', () => {
    const options = {...evalOptions(), timeBudgetMs: 30};
    const result = evaluateLine(
      '"$(1..900000 | ForEach-Object { $_ * 2 } | ForEach-Object { $_ })"',
      options,
    );
    expect(result.errors.map((e) => e.errorId)).toEqual(['LimitExceeded']);
    expect(result.output).toEqual([]);
  });

  it('bounds the value a command inside the string builds', () => {
    const result = run('"$(Get-FakePolicy | ForEach-Object { 1..600000 })"');
    expect(result.errors.map((e) => e.errorId)).toEqual(['LimitExceeded']);
  });
});
