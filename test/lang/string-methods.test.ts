import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('a quoted string at the start of a statement', () => {
  it.each([
    ['"abc".Length', [3]],
    ["'abc'.Length", [3]],
    ['"abc".ToUpper().Length', [3]],
    ['$n = "x"; "a$n".Length', [2]],
    ['("abc").Length', [3]],
  ])('is a value: %s', (line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('stays one word as an argument', () => {
    const echoed = output('Test-Bind -Name "abc".Length')[0] as {Args: Record<string, Value>};
    expect(echoed.Args['Name']).toBe('abc.Length');
  });
});

describe('methods of strings and arrays', () => {
  it.each([
    ['"abcdef".Substring(2)', ['cdef']],
    ['"abcdef".Substring(1, 3)', ['bcd']],
    ['"  ab  ".Trim()', ['ab']],
    ['"  ab  ".TrimStart()', ['ab  ']],
    ['"  ab  ".TrimEnd()', ['  ab']],
    ['"--ab-".Trim("-")', ['ab']],
    ['"xxab".TrimStart("x")', ['ab']],
    ['"aB".ToUpper()', ['AB']],
    ['"aB".ToLower()', ['ab']],
    ['"abc".Contains("b")', [true]],
    ['"abc".Contains("B")', [false]],
    ['"abc".StartsWith("ab")', [true]],
    ['"abc".EndsWith("bc")', [true]],
    ['"a.b.c".Replace(".", "-")', ['a-b-c']],
    ['"a,b;c".Split(",;")', ['a', 'b', 'c']],
    ['"a,,b".Split(",").Count', [3]],
    ['"a b".Split()', ['a', 'b']],
    ['"abcabc".IndexOf("c")', [2]],
    ['"abc".IndexOf("z")', [-1]],
    ['"ab".PadLeft(5)', ['   ab']],
    ['"ab".PadRight(5) + "|"', ['ab   |']],
    ['"7".PadLeft(3, "0")', ['007']],
    ['(1, 2, 3).Contains(2)', [true]],
    ['(1, 2, 3).Contains("2")', [false]],
    ['$a = "x", "y"; $a.Contains("y")', [true]],
    ['"abc".toupper()', ['ABC']],
  ])('%s', (line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('refuses an unknown method as MethodNotFound, naming it', () => {
    const [error] = run('"abc".Reverse()').errors;
    expect(error?.errorId).toBe('MethodNotFound');
    expect(error?.message).toBe(
      "Method invocation failed because [System.String] does not contain a method named 'Reverse'.",
    );
  });

  it('refuses a width below zero for PadLeft', () => {
    expect(run('"a".PadLeft(-1)').errors[0]?.errorId).toBe('InvalidValue');
  });
});
