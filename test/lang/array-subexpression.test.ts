import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('@( ) holds statements', () => {
  it.each([
    ['an expression, as an array of one', '@(1 + 2).Count; @(1 + 2)', [1, 3]],
    ['nothing, as an empty array', '@().Count', [0]],
    ['a command', '@(Test-Bind -Name x).Count', [1]],
    ['a pipeline', '@(1..5 | Where-Object { $_ -gt 2 }).Count', [3]],
    ['two statements, their output in order', '@(1; 2, 3).Count; @("a"; "b")[1]', [3, 'b']],
    ['a foreach statement', '@(foreach ($i in 1..3) { $i * 2 })[-1]', [6]],
    ['a list, as its items', '$a = 1, 2; @($a).Count', [2]],
    ['text in quotes, as before', '@("a", "b").Count', [2]],
    ['an array value kept by a variable', '$a = @(5); $a.Count; $a[0]', [1, 5]],
  ])('reads %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('is one argument of a command', () => {
    const echoed = output('Test-Bind -Name @(1 + 1)')[0] as {Args: Record<string, Value>};
    expect(echoed.Args['Name']).toBe('2');
  });

  it('names a stray token in its parentheses', () => {
    const result = run('@(1 2)');
    expect(result.errors[0]?.errorId).toBe('ParserError');
    expect(result.errors[0]?.message).toMatch(/expected '\|', ';' or '\)'/);
  });
});
