import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('operators written without spaces', () => {
  it.each([
    ['$a+1', '$a = 5; $a+1', [6]],
    ['$a-1', '$a = 5; $a-1', [4]],
    ['$i*2', '$i = 5; $i*2', [10]],
    ['$a/2', '$a = 5; $a/2', [2.5]],
    ['$a%2', '$a = 5; $a%2', [1]],
    ['$a-$b', '$a = 5; $b = 2; $a-$b', [3]],
    ['1..$n', '$n = 3; 1..$n', [1, 2, 3]],
    ['"a"+"b"', '"a"+"b"', ['ab']],
    ['10-1 at the start of a statement', '10-1', [9]],
    ['2*$i after =', '$i = 4; $x = 2*$i; $x', [8]],
    ['(1+2)*3', '(1+2)*3', [9]],
    ['[int]"5"+1', '[int]"5"+1', [6]],
    ['$a.Length-1', '$a = "abc"; $a.Length-1', [2]],
    ['a number after an operator name', '$a = 5; $a -eq 6-1', [true]],
  ])('reads %s as arithmetic', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('keeps -name after a value an operator: $a-like "x*"', () => {
    expect(output('$a = "xy"; $a-like "x*"')).toEqual([true]);
  });

  it.each([
    ['a date-like argument', 'Test-Bind -Name 2024-01-05', '2024-01-05'],
    ['quoted text glued to a plus', 'Test-Bind -Name "a"+"b"', 'a+b'],
    ['a number glued to a star', 'Test-Bind -Name 5*2', '5*2'],
    ['a date-like hashtable value', '$h = @{From=2024-01-05}; Test-Bind -Name $h.From', '2024-01-05'],
  ])('keeps %s one word in argument mode', (_name, line, expected) => {
    const echoed = output(line)[0] as {Args: Record<string, Value>};
    expect(echoed.Args['Name']).toBe(expected);
  });
});

describe('statements whose output is assigned', () => {
  it.each([
    ['foreach, several items', '$x = foreach ($i in 1..3) { $i * 2 }; $x', [2, 4, 6]],
    ['foreach, one item as itself', '$x = foreach ($i in 1) { "a$i" }; $x', ['a1']],
    ['foreach, nothing as $null', '$x = foreach ($i in @()) { $i }; $x -eq $null', [true]],
    ['if, the branch taken', '$x = if (1 -gt 2) { "big" } else { "small" }; $x', ['small']],
    ['if, no branch taken as $null', '$x = if ($false) { 1 }; $x -eq $null', [true]],
    ['elseif', '$n = 2; $x = if ($n -eq 1) {"one"} elseif ($n -eq 2) {"two"}; $x', ['two']],
  ])('assigns the output of %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('counts the items of an assigned foreach', () => {
    expect(output('$x = foreach ($i in 1..4) { $i }; $x.Count')).toEqual([4]);
  });

  it('writes nothing itself: the value goes into the variable', () => {
    expect(output('$x = foreach ($i in 1..2) { $i }')).toEqual([]);
  });
});

describe('compound assignment', () => {
  it.each([
    ['+=', '$t = 1; $t += 2; $t', [3]],
    ['-=', '$t = 5; $t -= 2; $t', [3]],
    ['*= without spaces', '$t = 5; $t*=2; $t', [10]],
    ['+= on text', '$s = "a"; $s += "b"; $s', ['ab']],
    ['+= on a list', '$l = 1, 2; $l += 3; $l.Count', [3]],
    ['+= with a pipeline', '$n = 0; $n += (Get-FakePolicy).Count; $n', [3]],
    ['+= inside a foreach', '$t = 0; foreach ($i in 1..4) { $t += $i }; $t', [10]],
  ])('runs %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });
});
