// TimeSpan arguments bind with the domain's TimeSpan.Parse rules, the same ones the cmdlets'
// output and the console's columns print with.

import {describe, expect, it} from 'vitest';
import {formatTimeSpan} from '../../src/domain/timespan.js';
import {echoed, run} from './fake-catalog.js';

describe('TimeSpan arguments', () => {
  it.each([
    ['a whole number in quotes is days, as TimeSpan.Parse reads it', '-Interval "15"', 15 * 86400],
    ['fractional seconds', '-Interval "00:00:01.5"', 1.5],
    ['a negative span', '-Interval "-00:00:30"', -30],
  ])('binds %s', (_name, args, seconds) => {
    expect(echoed(run(`Test-Bind ${args}`)).Args).toEqual({Interval: seconds});
  });

  it('prints back what it binds', () => {
    for (const text of ['00:10:00', '1.00:00:00', '30.00:00:00', '00:00:01.5000000']) {
      const bound = echoed(run(`Test-Bind -Interval "${text}"`)).Args as {Interval: number};
      expect(formatTimeSpan(bound.Interval)).toBe(text);
    }
  });
});
