import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {listView} from '../../src/lang/present/list-view.js';
import {echoed, expectNoErrors, run} from './fake-catalog.js';

// The fake catalog's clock: Thursday, January 15, 2026 12:00:00 UTC.
const output = (line: string): readonly Value[] => {
  const result = run(line);
  expectNoErrors(result);
  return result.output;
};

const dateAt = (iso: string): Value => ({kind: 'datetime', ms: Date.parse(iso)});

describe('dates from Get-Date and [datetime]', () => {
  it.each([
    ['.Year', '(Get-Date).Year', [2026]],
    ['.Month', '(Get-Date).Month', [1]],
    ['.Day', '(Get-Date).Day', [15]],
    ['.Hour and .Minute', '$d = Get-Date -Date "2026-03-04T05:06:07Z"; $d.Hour; $d.Minute', [5, 6]],
    ['.DayOfWeek', '(Get-Date).DayOfWeek', ['Thursday']],
    [
      '.Date, midnight of the day',
      '([datetime]"2026-03-04T05:06:07Z").Date',
      [dateAt('2026-03-04T00:00:00Z')],
    ],
    ['.AddDays(-7)', '(Get-Date).AddDays(-7)', [dateAt('2026-01-08T12:00:00Z')]],
    [
      '.AddHours and .AddMinutes chained',
      '(Get-Date).AddHours(1).AddMinutes(30).ToString("HH:mm")',
      ['13:30'],
    ],
    ['.AddMonths at a month end', '([datetime]"2026-01-31").AddMonths(1).Day', [28]],
    ['.ToString(format)', '(Get-Date).ToString("yyyy-MM-dd")', ['2026-01-15']],
    ['.ToString() as en-US does', '(Get-Date).ToString()', ['1/15/2026 12:00:00 PM']],
    ['text in a string, the invariant culture', '$d = Get-Date; "at $d"', ['at 01/15/2026 12:00:00']],
    ['a method on a variable', '$d = Get-Date; $d.AddDays(1).Day', [16]],
  ])('reads %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it.each([
    ['-lt between dates', '(Get-Date).AddDays(-1) -lt (Get-Date)', [true]],
    ['-gt against text that reads as a date', '(Get-Date) -gt "2026-01-01"', [true]],
    ['-eq of the same instant', '[datetime]"2026-01-15T12:00:00Z" -eq (Get-Date)', [true]],
    ['-eq of different instants', '[datetime]"2026-01-15" -eq (Get-Date)', [false]],
  ])('compares with %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it.each([
    ['.TotalDays', '((Get-Date) - [datetime]"2026-01-01").TotalDays', [14.5]],
    ['.TotalHours', '((Get-Date) - (Get-Date).AddHours(-3)).TotalHours', [3]],
    ['.Days and .Hours', '$s = (Get-Date) - [datetime]"2026-01-01"; $s.Days; $s.Hours', [14, 12]],
    [
      'a date plus a span',
      '(Get-Date) + ((Get-Date) - (Get-Date).AddDays(-2))',
      [dateAt('2026-01-17T12:00:00Z')],
    ],
    ['a span as text', '"$((Get-Date) - [datetime]"2026-01-01")"', ['14.12:00:00']],
  ])('subtracts dates to a TimeSpan: %s', (_name, line, expected) => {
    expect(output(line)).toEqual(expected);
  });

  it('refuses to multiply a date, as .NET has no such operator', () => {
    expect(run('(Get-Date) * 2').errors[0]?.message).toBe(
      "Method invocation failed because [System.DateTime] does not contain a method named 'op_Multiply'.",
    );
  });

  it("refuses an unknown method with PowerShell's wording", () => {
    expect(run('(Get-Date).Fly()').errors[0]?.message).toBe(
      "Method invocation failed because [System.DateTime] does not contain a method named 'Fly'.",
    );
  });

  it('binds a date value to a date parameter as the instant it is', () => {
    expect(echoed(run('Test-Bind -EndDate (Get-Date).AddDays(-7)')).Args).toEqual({
      EndDate: {iso: '2026-01-08T12:00:00.000Z', dateOnly: false},
    });
  });
});

describe('dates as PowerShell 5.1 shows them', () => {
  it('shows a bare date in its long form', () => {
    expect(listView(output('Get-Date'))).toEqual(['', 'Thursday, January 15, 2026 12:00:00 PM', '']);
  });

  it('shows a date property as DateTime.ToString() does', () => {
    expect(listView([{When: dateAt('2026-12-06T20:16:24Z')}])).toEqual([
      '',
      'When : 12/6/2026 8:16:24 PM',
      '',
    ]);
  });

  it('lists the properties of a time span', () => {
    const lines = listView(output('(Get-Date) - (Get-Date).AddDays(-7)'));
    expect(lines).toContain('Days              : 7');
    expect(lines).toContain('TotalHours        : 168');
  });

  it('writes a date as ISO 8601 with ConvertTo-Json', () => {
    expect(output('Get-Date | ConvertTo-Json')).toEqual(['"2026-01-15T12:00:00.000Z"']);
  });
});
