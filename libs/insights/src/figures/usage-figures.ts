import { PageStatisticsView, PeriodStatistics, RetentionView } from '@mpp/contracts';
import { addDays, Granularity, periodsBetween } from './periods';

/*
 * The figures of DOMAIN.md 6 as pure functions of accepted usage events: what the live projection keeps and what
 * a rebuild from the raw events must equal. A visitor is a pseudonymized user id with any accepted event that
 * day; opens count LAUNCH; sessions count distinct session ids; avgSessionMs is the mean of SESSION_END
 * durations, rounded; a new visitor is one on the first day the mini program saw that user (any host app).
 */

export type UsageEventType = 'LAUNCH' | 'PAGE_VIEW' | 'SHARE' | 'ERROR' | 'SESSION_END';

/** An accepted event as figures see it: the user already pseudonymized, its UTC date already taken. */
export interface CountedEvent {
  type: UsageEventType;
  date: string;
  visitor: string;
  sessionId: string;
  page?: string;
  durationMs?: number;
}

/** What a mini program × host app × UTC day adds up to; the sets are the day's distinct visitors and sessions. */
export interface DayTally {
  opens: number;
  pageViews: number;
  shares: number;
  errors: number;
  sessionEnds: number;
  sessionMsTotal: number;
  visitors: Set<string>;
  sessions: Set<string>;
}

/** A period's figures, as API.md answers them. */
export type PeriodFigures = PeriodStatistics;

export const emptyTally = (): DayTally => ({ opens: 0, pageViews: 0, shares: 0, errors: 0, sessionEnds: 0, sessionMsTotal: 0, visitors: new Set(), sessions: new Set() });

/** Adds one event to its day's tally. */
export function tallyEvent(tally: DayTally, event: CountedEvent): DayTally {
  tally.visitors.add(event.visitor);
  tally.sessions.add(event.sessionId);
  if (event.type === 'LAUNCH') tally.opens++;
  else if (event.type === 'PAGE_VIEW') tally.pageViews++;
  else if (event.type === 'SHARE') tally.shares++;
  else if (event.type === 'ERROR') tally.errors++;
  else {
    tally.sessionEnds++;
    tally.sessionMsTotal += event.durationMs ?? 0;
  }
  return tally;
}

/** Each date's tally of the events. */
export function tallyByDate(events: Iterable<CountedEvent>): Map<string, DayTally> {
  const days = new Map<string, DayTally>();
  for (const event of events) {
    const tally = days.get(event.date) ?? emptyTally();
    days.set(event.date, tallyEvent(tally, event));
  }
  return days;
}

/** Each visitor's first date among the events (the date that makes them new). */
export function firstDates(events: Iterable<CountedEvent>): Map<string, string> {
  const first = new Map<string, string>();
  for (const event of events) {
    const seen = first.get(event.visitor);
    if (seen === undefined || event.date < seen) first.set(event.visitor, event.date);
  }
  return first;
}

/** How many visitors each date saw for the first time. */
export function newVisitorsByDate(first: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const date of first.values()) counts.set(date, (counts.get(date) ?? 0) + 1);
  return counts;
}

const mean = (total: number, count: number) => (count === 0 ? 0 : Math.round(total / count));

/**
 * The range's figures by period: counters summed over the period's dates, unique visitors and sessions as the
 * unions of its dates' (exact, so a session across midnight is one), every period present.
 */
export function figuresByPeriod(tallies: Map<string, DayTally>, newVisitors: Map<string, number>, from: string, to: string, granularity: Granularity): PeriodFigures[] {
  return periodsBetween(from, to, granularity).map(({ period, dates }) => {
    const sum = emptyTally();
    let fresh = 0;
    for (const date of dates) {
      const day = tallies.get(date);
      fresh += newVisitors.get(date) ?? 0;
      if (!day) continue;
      sum.opens += day.opens;
      sum.pageViews += day.pageViews;
      sum.shares += day.shares;
      sum.errors += day.errors;
      sum.sessionEnds += day.sessionEnds;
      sum.sessionMsTotal += day.sessionMsTotal;
      day.visitors.forEach((v) => sum.visitors.add(v));
      day.sessions.forEach((s) => sum.sessions.add(s));
    }
    return {
      period,
      opens: sum.opens,
      pageViews: sum.pageViews,
      uniqueVisitors: sum.visitors.size,
      newVisitors: fresh,
      sessions: sum.sessions.size,
      avgSessionMs: mean(sum.sessionMsTotal, sum.sessionEnds),
      shares: sum.shares,
      errors: sum.errors,
    };
  });
}

export type PageFigures = PageStatisticsView['items'][number];

/** Pages by views over the range (ties by page), unique visitors distinct over the whole range. */
export function topPages(events: Iterable<CountedEvent>, limit: number): PageFigures[] {
  const pages = new Map<string, { views: number; visitors: Set<string> }>();
  for (const event of events) {
    if (event.type !== 'PAGE_VIEW' || event.page === undefined) continue;
    const page = pages.get(event.page) ?? { views: 0, visitors: new Set<string>() };
    page.views++;
    page.visitors.add(event.visitor);
    pages.set(event.page, page);
  }
  return [...pages]
    .map(([page, p]) => ({ page, pageViews: p.views, uniqueVisitors: p.visitors.size }))
    .sort((a, b) => b.pageViews - a.pageViews || (a.page < b.page ? -1 : 1))
    .slice(0, limit);
}

export type RetentionFigures = RetentionView['items'][number];

export const RETENTION_DAYS = [1, 7, 30] as const;

/**
 * Retention of each date's new visitors: the share of them seen again exactly 1, 7 and 30 days later (0 to 1),
 * null while that day is still to come (after `today`); a cohort without new visitors retains 0.
 */
export function retention(first: Map<string, string>, tallies: Map<string, DayTally>, cohortDates: string[], today: string): RetentionFigures[] {
  const cohorts = new Map<string, string[]>();
  for (const [visitor, date] of first) {
    const cohort = cohorts.get(date) ?? [];
    cohort.push(visitor);
    cohorts.set(date, cohort);
  }
  return cohortDates.map((cohortDate) => {
    const cohort = cohorts.get(cohortDate) ?? [];
    const share = (days: number): number | null => {
      const later = addDays(cohortDate, days);
      if (later > today) return null;
      if (cohort.length === 0) return 0;
      const seen = tallies.get(later)?.visitors;
      return cohort.filter((v) => seen?.has(v)).length / cohort.length;
    };
    const [day1, day7, day30] = RETENTION_DAYS.map(share);
    return { cohortDate, newVisitors: cohort.length, day1, day7, day30 };
  });
}
