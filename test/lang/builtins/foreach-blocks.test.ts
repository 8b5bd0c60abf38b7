import {describe, expect, it} from 'vitest';
import type {Value} from '../../../src/cmdlets/types.js';
import {expectNoErrors, run} from '../fake-catalog.js';

const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

describe('ForEach-Object -Begin, -Process and -End', () => {
  it.each([
    ['named blocks', '1,2,3 | ForEach-Object -Begin {"b"} -Process {$_ * 2} -End {"e"}', ['b', 2, 4, 6, 'e']],
    ['a running total', '1,2,3 | % -Begin {$t = 0} -Process {$t += $_} -End {$t}', [6]],
    ['two blocks by position: begin and process', '1,2 | % {"b"} {$_}', ['b', 1, 2]],
    ['three blocks by position: begin, process, end', '1,2 | % {"b"} {$_} {"e"}', ['b', 1, 2, 'e']],
    [
      'four blocks: the middle two process each item',
      '1,2 | % {"b"} {$_} {-$_} {"e"}',
      ['b', 1, -1, 2, -2, 'e'],
    ],
    ['-Begin and -End with no items coming', '@() | % -Begin {"b"} -Process {$_} -End {"e"}', ['b', 'e']],
    [
      'a block at the start of a pipeline runs once',
      'ForEach-Object -Begin {"b"} -Process {"p"} -End {"e"}',
      ['b', 'p', 'e'],
    ],
  ])('runs %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('refuses a positional value that is no script block', () => {
    expect(run('1 | % {$_} 5').errors[0]).toMatchObject({
      errorId: 'InvalidValue',
      parameter: 'RemainingScripts',
    });
  });
});
