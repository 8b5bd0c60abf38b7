// Get-Date and its .NET format strings, against what PowerShell writes for the same format.

import {describe, expect, it} from 'vitest';
import {formatDate} from '../../../src/lang/builtins/date-format.js';
import {expectNoErrors, run} from '../fake-catalog.js';

describe('Get-Date', () => {
  it('outputs the current time as a date value', () => {
    const result = run('Get-Date');
    expectNoErrors(result);
    expect(result.output).toEqual([{kind: 'datetime', ms: Date.parse('2026-01-15T12:00:00.000Z')}]);
  });

  it('formats the current time, or the one -Date gives', () => {
    expect(run('Get-Date -Format yyyyMMdd').output).toEqual(['20260115']);
    expect(run('Get-Date -Date 2026-03-04T05:06:07Z -Format "dd.MM.yy H:mm"').output).toEqual([
      '04.03.26 5:06',
    ]);
  });

  it('takes the time from the pipeline, and reports an item that is no time without stopping', () => {
    const result = run(
      '[datetime]"2026-03-04T05:06:07Z", "nope", "2027-01-01" | Get-Date -Format yyyy-MM-dd',
    );
    expect(result.output).toEqual(['2026-03-04', '2027-01-01']);
    expect(result.errors).toMatchObject([{cmdlet: 'Get-Date', errorId: 'InvalidValue', parameter: 'Date'}]);
  });

  it('names a file after the date through a variable', () => {
    const result = run('$d = Get-Date -Format yyyy-MM-dd; Write-Output "rooms-$d.csv"');
    expect(result.output).toEqual(['rooms-2026-01-15.csv']);
  });
});

describe('the .NET format strings', () => {
  const date = new Date('2026-12-06T18:05:09.042Z');
  it.each([
    ['yyyy-MM-dd HH:mm:ss', '2026-12-06 18:05:09'],
    ['yy M d h:m:s tt', '26 12 6 6:5:9 PM'],
    ['dddd, MMMM d, yyyy', 'Sunday, December 6, 2026'],
    ['ddd MMM', 'Sun Dec'],
    ['HH:mm:ss.fff', '18:05:09.042'],
    ['ss.FFFF', '09.042'],
    ["'Day' d \\d", 'Day 6 d'],
    ['"at" HH', 'at 18'],
    ['zzz K', '+00:00 Z'],
    ['o', '2026-12-06T18:05:09.0420000Z'],
    ['s', '2026-12-06T18:05:09'],
    ['u', '2026-12-06 18:05:09Z'],
    ['%d', '6'],
    ['d', '12/6/2026'],
    ['G', '12/6/2026 6:05:09 PM'],
    ['D', 'Sunday, December 6, 2026'],
  ])('writes %s as PowerShell does', (format, expected) => {
    expect(formatDate(date, format)).toBe(expected);
  });
});
