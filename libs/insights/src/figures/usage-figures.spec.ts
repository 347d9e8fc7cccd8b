import fc from 'fast-check';
import { addDays, datesBetween, periodOf } from './periods';
import { CountedEvent, figuresByPeriod, firstDates, newVisitorsByDate, retention, tallyByDate, topPages, UsageEventType } from './usage-figures';

const event = (date: string, visitor: string, type: UsageEventType, extra: Partial<CountedEvent> = {}): CountedEvent => ({ type, date, visitor, sessionId: `${visitor}-${date}`, ...extra });
const figures = (events: CountedEvent[], from: string, to: string, granularity: 'day' | 'week' | 'month' = 'day') =>
  figuresByPeriod(tallyByDate(events), newVisitorsByDate(firstDates(events)), from, to, granularity);

describe('usage figures (DOMAIN.md 6)', () => {
  it('counts a day: opens, page views, distinct visitors and sessions, shares, errors, the mean session rounded', () => {
    const events = [
      event('2026-11-26', 'u1', 'LAUNCH'),
      event('2026-11-26', 'u1', 'PAGE_VIEW', { page: '/menu' }),
      event('2026-11-26', 'u1', 'PAGE_VIEW', { page: '/cart' }),
      event('2026-11-26', 'u1', 'SESSION_END', { durationMs: 1000 }),
      event('2026-11-26', 'u2', 'LAUNCH', { sessionId: 's-a' }),
      event('2026-11-26', 'u2', 'LAUNCH', { sessionId: 's-b' }),
      event('2026-11-26', 'u2', 'SHARE', { sessionId: 's-b' }),
      event('2026-11-26', 'u2', 'ERROR', { sessionId: 's-b' }),
      event('2026-11-26', 'u2', 'SESSION_END', { sessionId: 's-b', durationMs: 2001 }),
    ];
    expect(figures(events, '2026-11-26', '2026-11-26')).toEqual([
      { period: '2026-11-26', opens: 3, pageViews: 2, uniqueVisitors: 2, newVisitors: 2, sessions: 3, avgSessionMs: 1501, shares: 1, errors: 1 },
    ]);
  });

  it('gives every period of the range, with zeros where nothing happened', () => {
    const days = figures([event('2026-11-25', 'u1', 'LAUNCH')], '2026-11-24', '2026-11-26');
    expect(days.map((d) => [d.period, d.opens, d.uniqueVisitors, d.avgSessionMs])).toEqual([
      ['2026-11-24', 0, 0, 0],
      ['2026-11-25', 1, 1, 0],
      ['2026-11-26', 0, 0, 0],
    ]);
  });

  it('makes a visitor new on the first day the mini program saw them, whatever order the events came in', () => {
    const events = [event('2026-11-26', 'u1', 'LAUNCH'), event('2026-11-24', 'u1', 'LAUNCH'), event('2026-11-26', 'u2', 'LAUNCH')];
    expect(figures(events, '2026-11-24', '2026-11-26').map((d) => d.newVisitors)).toEqual([1, 0, 1]);
  });

  it('counts a week\'s and a month\'s unique visitors and sessions once however many days they came back', () => {
    const events = [
      event('2026-11-23', 'u1', 'LAUNCH', { sessionId: 'night' }),
      event('2026-11-24', 'u1', 'SESSION_END', { sessionId: 'night', durationMs: 500 }), // one session across midnight
      event('2026-11-25', 'u1', 'LAUNCH'),
      event('2026-11-25', 'u2', 'LAUNCH'),
    ];
    const days = figures(events, '2026-11-23', '2026-11-29');
    expect(days.reduce((sum, d) => sum + d.uniqueVisitors, 0)).toBe(4);
    expect(figures(events, '2026-11-23', '2026-11-29', 'week')).toEqual([
      { period: '2026-11-23', opens: 3, pageViews: 0, uniqueVisitors: 2, newVisitors: 2, sessions: 3, avgSessionMs: 500, shares: 0, errors: 0 },
    ]);
    expect(figures(events, '2026-11-01', '2026-12-31', 'month').map((m) => [m.period, m.uniqueVisitors, m.opens])).toEqual([
      ['2026-11', 2, 3],
      ['2026-12', 0, 0],
    ]);
  });

  it('keeps each day\'s new visitors\' retention on day 1, 7 and 30, null until that day has come', () => {
    const cohort = ['a', 'b', 'c', 'd'].map((v) => event('2026-10-01', v, 'LAUNCH'));
    const later = [event('2026-10-02', 'a', 'LAUNCH'), event('2026-10-02', 'b', 'LAUNCH'), event('2026-10-08', 'a', 'LAUNCH'), event('2026-10-03', 'c', 'LAUNCH'), event('2026-10-02', 'new', 'LAUNCH')];
    const events = [...cohort, ...later];
    const found = retention(firstDates(events), tallyByDate(events), ['2026-10-01', '2026-10-02', '2026-10-03'], '2026-10-20');
    expect(found).toEqual([
      { cohortDate: '2026-10-01', newVisitors: 4, day1: 0.5, day7: 0.25, day30: null },
      { cohortDate: '2026-10-02', newVisitors: 1, day1: 0, day7: 0, day30: null },
      { cohortDate: '2026-10-03', newVisitors: 0, day1: 0, day7: 0, day30: null },
    ]);
    expect(retention(firstDates(events), tallyByDate(events), ['2026-10-01'], '2026-10-31')[0].day30).toBe(0);
    expect(retention(firstDates(events), tallyByDate(events), ['2026-10-01'], '2026-10-01')[0].day1).toBeNull();
  });

  it('ranks pages by views, their visitors distinct over the whole range', () => {
    const events = [
      event('2026-11-24', 'u1', 'PAGE_VIEW', { page: '/cart' }),
      event('2026-11-25', 'u1', 'PAGE_VIEW', { page: '/cart' }),
      event('2026-11-25', 'u2', 'PAGE_VIEW', { page: '/menu' }),
      event('2026-11-25', 'u3', 'PAGE_VIEW', { page: '/about' }),
      event('2026-11-25', 'u3', 'LAUNCH'),
    ];
    expect(topPages(events, 2)).toEqual([
      { page: '/cart', pageViews: 2, uniqueVisitors: 1 },
      { page: '/about', pageViews: 1, uniqueVisitors: 1 },
    ]);
  });

  it('adds up, for any events, to what counting them directly by period gives', () => {
    const dates = datesBetween('2026-10-26', '2026-12-06');
    const anEvent = fc.record({
      date: fc.constantFrom(...dates),
      visitor: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'),
      sessionId: fc.constantFrom('s1', 's2', 's3'),
      type: fc.constantFrom<UsageEventType>('LAUNCH', 'PAGE_VIEW', 'SHARE', 'ERROR', 'SESSION_END'),
      durationMs: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(anEvent, { maxLength: 60 }), fc.constantFrom<'day' | 'week' | 'month'>('day', 'week', 'month'), (generated, granularity) => {
        const events: CountedEvent[] = generated.map((e) => ({ ...e, durationMs: e.type === 'SESSION_END' ? e.durationMs : undefined }));
        const found = figures(events, dates[0], dates[dates.length - 1], granularity);
        // Each visitor's first date, counted here without the code under test.
        const first = new Map([...new Set(events.map((e) => e.visitor))].map((v) => [v, events.filter((e) => e.visitor === v).map((e) => e.date).sort()[0]]));
        for (const row of found) {
          const inPeriod = events.filter((e) => periodOf(e.date, granularity) === row.period);
          const ends = inPeriod.filter((e) => e.type === 'SESSION_END');
          expect(row.opens).toBe(inPeriod.filter((e) => e.type === 'LAUNCH').length);
          expect(row.uniqueVisitors).toBe(new Set(inPeriod.map((e) => e.visitor)).size);
          expect(row.sessions).toBe(new Set(inPeriod.map((e) => e.sessionId)).size);
          expect(row.newVisitors).toBe([...first.values()].filter((d) => periodOf(d, granularity) === row.period).length);
          expect(row.avgSessionMs).toBe(ends.length ? Math.round(ends.reduce((s, e) => s + e.durationMs!, 0) / ends.length) : 0);
        }
        expect(found.reduce((s, r) => s + r.newVisitors, 0)).toBe(new Set(events.map((e) => e.visitor)).size);
      }),
      { seed: 61, numRuns: 200 },
    );
    expect(addDays(dates[0], dates.length - 1)).toBe(dates[dates.length - 1]);
  });
});
