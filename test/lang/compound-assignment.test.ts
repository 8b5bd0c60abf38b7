import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {expectNoErrors, run} from './fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('compound assignment and increments', () => {
  it.each([
    ['+= on an array appends', '$a = 1,2; $a += 3; $a.Count; $a[-1]', [3, 3]],
    ['+= on an empty array', '$a = @(); $a += "x"; $a.Count', [1]],
    ['$i++ adds one', '$i = 1; $i++; $i', [2]],
    ['$i-- takes one away', '$i = 1; $i--; $i', [0]],
    ['$i ++ with a space', '$i = 5; $i ++; $i', [6]],
    ['$i++ of an unset variable', '$n++; $n', [1]],
    ['$i++ in a loop', '$n = 0; foreach ($x in 1..4) { $n++ }; $n', [4]],
  ])('%s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('writes nothing for $i++', () => {
    expect(output('$i = 1; $i++')).toEqual([]);
  });

  it('refuses $true++', () => {
    expect(run('$true++').errors[0]?.errorId).toBe('ParserError');
  });
});
