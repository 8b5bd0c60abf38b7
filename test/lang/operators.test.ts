import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {evaluateLine} from '../../src/lang/evaluate.js';
import {evalOptions, run} from './fake-catalog.js';

/** The output of a line that must succeed. */
const valueOf = (line: string): readonly Value[] => {
  const result = run(line);
  expect(result.errors).toEqual([]);
  return result.output;
};

// Expected values are PowerShell's (about_Arithmetic_Operators, about_Operators, about_Split,
// about_Join, about_Comparison_Operators, about_Operator_Precedence).
const OPERATORS: readonly (readonly [string, readonly Value[]])[] = [
  ['1 + 2', [3]],
  ['"a" + 1', ['a1']],
  ['1 + "2"', [3]],
  ['@(1,2) + 3', [1, 2, 3]],
  ['1,2 + 3,4', [1, 2, 3, 4]],
  ['$null + 5', [5]],
  ['7 - 10', [-3]],
  ['5 -3', [2]],
  ['2 + 3 * 4', [14]],
  ['(2 + 3) * 4', [20]],
  ['7 / 2', [3.5]],
  ['7 % 3', [1]],
  ['"ab" * 3', ['ababab']],
  ['@(1,2) * 2', [1, 2, 1, 2]],
  ['10 - 2 * 3', [4]],
  ['"{0} and {1}" -f "a", "b"', ['a and b']],
  ['"{0,5}|" -f 42', ['   42|']],
  ['"{0,-5}|" -f 42', ['42   |']],
  ['"{0:N2}" -f 1234.567', ['1,234.57']],
  ['"{0:D3}" -f 7', ['007']],
  ['"{{{0}}}" -f 1', ['{1}']],
  ['"a","b","c" -join ", "', ['a, b, c']],
  ['-join ("a","b")', ['ab']],
  ['"a,b,,c" -split ","', ['a', 'b', '', 'c']],
  ['"a1b22c" -split "\\d+"', ['a', 'b', 'c']],
  ['-split " one  two "', ['one', 'two']],
  ['"Hello" -replace "l", "L"', ['HeLLo']],
  ['"Hello" -replace "L"', ['Heo']],
  ['"John Smith" -replace "(\\w+) (\\w+)", \'$2, $1\'', ['Smith, John']],
  ['1 -eq 1', [true]],
  ['"abc" -like "a*"', [true]],
  ['"abc" -match "^A"', [true]],
  ['1,2,3,2 -eq 2', [2, 2]],
  ['1,2,3 -gt 1', [2, 3]],
  ['2 -in 1,2,3', [true]],
  ['4 -notin 1,2,3', [true]],
  ['1,2,3 -contains 2', [true]],
  ['1 -eq 1 -and 2 -eq 3', [false]],
  ['$true -xor $false', [true]],
  ['1 + 1 -eq 2', [true]],
  ['1..4', [1, 2, 3, 4]],
  ['3..1', [3, 2, 1]],
  ['(1..5)[1..3]', [2, 3, 4]],
  ['(1..5)[-1]', [5]],
  ['(1..5)[0]', [1]],
  ['(1..5)[9]', []],
  ['"hello"[1]', ['e']],
  ['[int]"42"', [42]],
  ['[int]2.5', [2]],
  ['[int]3.5', [4]],
  ['[string]42', ['42']],
  ['[bool]"False"', [true]],
  ['[bool]0', [false]],
  ['[char]65', ['A']],
  ['[array]5', [5]],
  ['[datetime]"2024-01-02"', [{kind: 'datetime', ms: Date.UTC(2024, 0, 2)}]],
];

describe('operators as values', () => {
  it.each(OPERATORS)("%s gives PowerShell's result", (line, expected) => {
    expect(valueOf(line)).toEqual(expected);
  });

  it('indexes a variable and reads a member of the item', () => {
    expect(valueOf('$x = Get-FakePolicy; $x[1].Identity; $x[-1].Identity')).toEqual(['Tag:Sales', 'Tag:Ops']);
  });
});

const FAILURES: readonly (readonly [string, string, RegExp])[] = [
  ['[int]"abc"', 'InvalidValue', /Cannot convert value "abc" to type "System.Int32"/],
  ['[char]"ab"', 'InvalidValue', /String must be exactly one character long/],
  ['[datetime]"soon"', 'InvalidValue', /was not recognized as a valid DateTime/],
  ['1 / 0', 'InvalidValue', /Attempted to divide by zero/],
  ['1 + "x"', 'InvalidValue', /Cannot convert value "x"/],
  ['$nothing[0]', 'InvalidValue', /Cannot index into a null array/],
  ['"{1}" -f 1', 'InvalidValue', /Index \(zero based\)/],
  ['"x" -match "(a)\\1"', 'InvalidValue', /not supported/],
  ['1..10000000', 'LimitExceeded', /limit is 1,000,000/],
  ['"ab" * 10000000', 'LimitExceeded', /limit is 1,000,000/],
];

describe('operator errors', () => {
  it.each(FAILURES)('%s fails with %s', (line, errorId, message) => {
    const result = run(line);
    expect(result.errors.map((e) => e.errorId)).toEqual([errorId]);
    expect(result.errors[0]!.message).toMatch(message);
  });
});

describe('parser errors in expressions', () => {
  it.each([
    ['$x[0', 'At column 3'],
    ['1 + ', 'At column 5'],
    ['foreach ($x 1..3) {}', 'At column 13'],
    ['if (1) { 2 ', 'At column 8'],
    ['foreach ($_ in 1) {}', 'At column 10'],
  ])('%s is refused %s', (line, column) => {
    const result = run(line);
    expect(result.errors[0]?.errorId).toBe('ParserError');
    expect(result.errors[0]?.message).toContain(column);
  });
});

describe('foreach and if', () => {
  const STATEMENTS: readonly (readonly [string, readonly Value[]])[] = [
    ['foreach ($i in 1..3) { $i * 2 }', [2, 4, 6]],
    ['$sum = 0; foreach ($i in 1..4) { $sum = $sum + $i }; $sum', [10]],
    ['foreach ($p in Get-FakePolicy) { $p.Identity }', ['Global', 'Tag:Sales', 'Tag:Ops']],
    ['foreach ($i in 1..2) { foreach ($j in 1..2) { "$i$j" } }', ['11', '12', '21', '22']],
    ['if (1 -eq 1) { "yes" } else { "no" }', ['yes']],
    ['if (1 -eq 2) { "a" } elseif (2 -eq 2) { "b" } else { "c" }', ['b']],
    ['if ($null) { "a" }\nelse { "c" }', ['c']],
    ['if (Get-FakePolicy Global) { "found" }', ['found']],
    ['foreach ($i in 1..5) { if ($i % 2 -eq 0) { $i } }', [2, 4]],
  ];
  it.each(STATEMENTS)('%s gives %j', (line, expected) => {
    expect(valueOf(line)).toEqual(expected);
  });

  it('runs a cmdlet inside a loop against the line state, as at the top level', () => {
    const options = evalOptions();
    const result = evaluateLine(
      'foreach ($d in "one","two") { Set-FakePolicy Global -Description $d }; Get-FakePolicy Global',
      options,
    );
    expect(result.errors).toEqual([]);
    expect((result.output[0] as {Description: string}).Description).toBe('two');
    expect(result.targets).toEqual(['Global']);
  });

  it('previews a change inside a loop under -WhatIf and changes nothing', () => {
    const options = evalOptions();
    const result = evaluateLine(
      'foreach ($d in 1..2) { Set-FakePolicy Global -Description $d -WhatIf }',
      options,
    );
    expect(result.whatIf).toHaveLength(2);
    expect(result.state).toBe(options.state);
  });
});

describe('limits', () => {
  it('ends a foreach over a range past the value bound in LimitExceeded at once', () => {
    const started = Date.now();
    const result = run('foreach ($i in 1..10000000) { $i }');
    expect(result.errors.map((e) => e.errorId)).toEqual(['LimitExceeded']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops runaway nested loops at the time budget and keeps nothing they changed', () => {
    const options = {...evalOptions(), timeBudgetMs: 200};
    const started = Date.now();
    const result = evaluateLine(
      'Set-FakePolicy Global -Description changed; foreach ($a in 1..1000) { foreach ($b in 1..1000) { foreach ($c in 1..1000) { } } }',
      options,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.errors.map((e) => e.errorId)).toEqual(['LimitExceeded']);
    expect(result.errors[0]!.message).toMatch(/time budget of 200 ms/);
    expect(result.state).toBe(options.state);
    expect(result.targets).toEqual([]);
    expect(result.output).toEqual([]);
  });

  it('refuses loop output past the value bound', () => {
    const result = run('foreach ($a in 1..2000) { 1..1000 }');
    expect(result.errors.map((e) => e.errorId)).toEqual(['LimitExceeded']);
    expect(result.output).toEqual([]);
  });
});

describe('blocks that are not filters', () => {
  it('Where-Object runs a block with operators and keeps the items whose output is true', () => {
    expect(valueOf('1..6 | Where-Object { $_ % 2 -eq 0 }')).toEqual([2, 4, 6]);
    expect(valueOf('1..6 | Where-Object { $_ * 2 -gt 8 }')).toEqual([5, 6]);
  });

  it('reads a sign or a "not" before a variable as an operator', () => {
    expect(valueOf('$n = 4; -$n; (!$n)')).toEqual([-4, false]);
  });
});

describe('arguments', () => {
  it('reads a range written as an argument, as PowerShell does', () => {
    const [echo] = valueOf('Test-Bind -Extra 1..3');
    expect((echo as {Args: {Extra: unknown}}).Args.Extra).toEqual([1, 2, 3]);
  });

  it('keeps a bare word with dots that is no range as text', () => {
    const [echo] = valueOf('Test-Bind -Tags a..b,..\\up');
    expect((echo as {Args: {Tags: unknown}}).Args.Tags).toEqual(['a..b', '..\\up']);
  });
});
