import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe("a hashtable's values", () => {
  it.each([
    ['arithmetic', '$h = @{Size=1+2}; $h.Size', [3]],
    ['arithmetic with spaces', '$h = @{ Size = 1 + 2 }; $h.Size', [3]],
    ['a subtraction of numbers', '$h = @{N=10-1}; $h.N', [9]],
    ['-not', '$h = @{N=-not $true}; $h.N', [false]],
    ['"!"', '$h = @{N=!$true}; $h.N', [false]],
    ['quoted text added', '$h = @{N="a"+"b"}; $h.N', ['ab']],
    ['a variable times a number', '$x = 1, 2; $h = @{N=$x.Count * 2}; $h.N', [4]],
    ['a method call', '$h = @{N="ab".ToUpper()}; $h.N', ['AB']],
    ['a bare word, as text', '$h = @{Add=sip:a@x.org}; $h.Add', ['sip:a@x.org']],
    ['bare words in a list, as text', '$h = @{Add=a-b,c}; $h.Add', ['a-b', 'c']],
    ['a date, as one word', '$h = @{From=2024-01-05}; $h.From', ['2024-01-05']],
    ['a date and time, as one word', '$h = @{From=2024-01-05T10:00:00Z}; $h.From', ['2024-01-05T10:00:00Z']],
    ['a date before the next entry', '$h = @{From=2024-01-05; N=1+1}; $h.From; $h.N', ['2024-01-05', 2]],
  ])('reads %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });
});
