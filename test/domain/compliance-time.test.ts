import {describe, expect, it} from 'vitest';
import {TICKS_AT_1970, timeForms} from '../../src/domain/compliance-time.js';

describe('compliance time forms', () => {
  it.each([
    ['1970-01-01T00:00:00.000Z', '0', '1970-01-01T00:00:00.0000000Z', '621355968000000000'],
    // The instant of the documentation's sample output, cut to the millisecond the model keeps.
    ['2008-06-04T20:15:40.953Z', '1212610540953', '2008-06-04T20:15:40.9530000Z', '633482073409530000'],
    ['2012-03-20T10:00:00Z', '1332237600000', '2012-03-20T10:00:00.0000000Z', '634678344000000000'],
    ['1969-12-31T23:59:59.999Z', '-1', '1969-12-31T23:59:59.9990000Z', '621355967999990000'],
  ])('writes %s as since1970 %s, string %s and long %s', (iso, since1970, string, long) => {
    expect(timeForms(iso)).toEqual({since1970, string, long});
  });

  it('keeps the three forms of one instant in agreement: long = since1970 * 10000 + ticks at 1970', () => {
    for (const iso of ['2026-12-06T17:15:07.233Z', '2099-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z']) {
      const forms = timeForms(iso);
      expect(BigInt(forms.long)).toBe(BigInt(forms.since1970) * 10_000n + TICKS_AT_1970);
      expect(Date.parse(forms.string)).toBe(Number(forms.since1970));
      expect(forms.string).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    }
  });

  it('counts ticks beyond 2^53 exactly', () => {
    expect(timeForms('2026-12-06T17:15:07.233Z').long).toBe('639321741072330000');
  });
});
