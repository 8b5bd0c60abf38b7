import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('a pipeline in parentheses that starts with a value', () => {
  it.each([
    ['text through ConvertFrom-Json', `('{"Name":"ItRoom","Size":3}' | ConvertFrom-Json).Size + 1`, [4]],
    ['a range through Measure-Object', '(1..4 | Measure-Object -Sum).Sum', [10]],
    ['a variable through Where-Object', '$a = 1, 5, 9; ($a | Where-Object { $_ -gt 2 }).Count', [2]],
    ['a value alone, as before', '(1 + 2) * 2', [6]],
    ['a "not" alone, as before', '$x = $false; (!$x)', [true]],
  ])('reads %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });
});
