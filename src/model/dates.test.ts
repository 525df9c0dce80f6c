import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareIsoDates, endOf, isOnOrBefore, isoDateProblem, precisionOf, startOf } from './dates.js';
import { IsoDate } from './schemas.js';

describe('reduced-precision ISO dates', () => {
  it.each([
    ['2025', null],
    ['2025-11', null],
    ['2025-11-30', null],
    ['2024-02-29', null],
  ])('accepts %s', (s, p) => expect(isoDateProblem(s)).toBe(p));

  it.each([
    ['2025-13-40', 'month 13'],
    ['2025-02-29', 'day 29 is not between 01 and 28'],
    ['2025-11-31', 'between 01 and 30'],
    ['25-11-01', 'not an ISO 8601 date'],
    ['2025/11/01', 'not an ISO 8601 date'],
    ['', 'not an ISO 8601 date'],
  ])('rejects %s saying what is wrong', (s, msg) => expect(isoDateProblem(s)).toContain(msg));

  it('gives the interval a reduced date denotes', () => {
    expect([startOf('2025'), endOf('2025')]).toEqual(['2025-01-01', '2025-12-31']);
    expect([startOf('2024-02'), endOf('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect(precisionOf('2025-11')).toBe('month');
  });

  it('orders by first day, coarser first', () => {
    const sorted = ['2025-11-02', '2025-11-01', '2025-11', '2025', '2024-12-31'].sort(compareIsoDates);
    expect(sorted).toEqual(['2024-12-31', '2025', '2025-11', '2025-11-01', '2025-11-02']);
  });

  it('counts a reduced date as known from its first day', () => {
    expect(isOnOrBefore('2025-11', '2025-11-01')).toBe(true);
    expect(isOnOrBefore('2025-12', '2025-11-30')).toBe(false);
    expect(isOnOrBefore('2025-11-20', '2025-11')).toBe(true);
  });

  it('agrees with Date for every valid day (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const s = d.toISOString().slice(0, 10);
        expect(isoDateProblem(s)).toBeNull();
        expect(addDays(s, 1)).toBe(new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('the schema coerces a bare YAML year and reports the problem as its message', () => {
    expect(IsoDate.parse(2025)).toBe('2025');
    const r = IsoDate.safeParse('2025-13-40');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('month 13');
  });
});
