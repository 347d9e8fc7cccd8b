import { addDays, checkRange, dayNumber, periodOf, periodsBetween } from './periods';

describe('periods (API.md Statistics conventions)', () => {
  it('takes only real UTC dates written YYYY-MM-DD', () => {
    expect(dayNumber('2024-02-29')).toBeDefined();
    expect(dayNumber('2026-02-29')).toBeUndefined();
    expect(dayNumber('2026-02-30')).toBeUndefined();
    expect(dayNumber('2026-1-01')).toBeUndefined();
    expect(dayNumber('2026-11-26T00:00:00Z')).toBeUndefined();
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('names a week by its Monday (ISO weeks, across a year end) and a month by YYYY-MM', () => {
    expect(periodOf('2026-11-26', 'week')).toBe('2026-11-23'); // a Thursday
    expect(periodOf('2026-11-29', 'week')).toBe('2026-11-23'); // Sunday ends the week
    expect(periodOf('2026-11-30', 'week')).toBe('2026-11-30'); // Monday starts one
    expect(periodOf('2027-01-01', 'week')).toBe('2026-12-28');
    expect(periodOf('1970-01-01', 'week')).toBe('1969-12-29');
    expect(periodOf('2026-11-26', 'month')).toBe('2026-11');
    expect(periodOf('2026-11-26', 'day')).toBe('2026-11-26');
  });

  it('lists every period the range touches with the dates of the range it holds, partial ones included', () => {
    expect(periodsBetween('2026-11-26', '2026-12-02', 'week')).toEqual([
      { period: '2026-11-23', dates: ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'] },
      { period: '2026-11-30', dates: ['2026-11-30', '2026-12-01', '2026-12-02'] },
    ]);
    expect(periodsBetween('2026-01-31', '2026-03-01', 'month').map((p) => [p.period, p.dates.length])).toEqual([
      ['2026-01', 1],
      ['2026-02', 28],
      ['2026-03', 1],
    ]);
  });

  it('refuses a range that is not dates, runs backwards or spans more than 366 days', () => {
    expect(checkRange('2026-11-01', '2026-11-01')).toEqual({ first: dayNumber('2026-11-01'), last: dayNumber('2026-11-01') });
    expect(checkRange('2025-11-26', '2026-11-27')).toHaveProperty('first'); // 366 days apart
    expect(checkRange('2025-11-26', '2026-11-28')).toEqual({ problem: 'RANGE_TOO_LONG' });
    expect(checkRange('2026-11-27', '2026-11-26')).toEqual({ problem: 'FROM_AFTER_TO' });
    expect(checkRange('2026-11-31', '2026-12-01')).toEqual({ problem: 'INVALID_DATE' });
  });
});
