/*
 * Days, ISO weeks and months as API.md's Statistics conventions name them: `from` and `to` are UTC dates
 * (YYYY-MM-DD, both inclusive, at most 366 days apart); a period is the date for a day, the Monday of an ISO
 * week, YYYY-MM for a month; every period of the range appears, with zeros when nothing happened.
 */

export type Granularity = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
/** At most this many days between `from` and `to`. */
export const MAX_RANGE_DAYS = 366;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day numbers of the dates seen lately: a batch of usage events holds a handful of dates, checked thousands of times. */
const dayNumbers = new Map<string, number | undefined>();

/** A UTC date's day number (days since 1970-01-01), or undefined when the text is not a real date. */
export function dayNumber(date: string): number | undefined {
  if (dayNumbers.has(date)) return dayNumbers.get(date);
  const match = DATE.exec(date);
  let day: number | undefined;
  if (match) {
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip does not exist.
    day = dateOf(ms / DAY_MS) === date ? ms / DAY_MS : undefined;
  }
  if (dayNumbers.size >= 4_096) dayNumbers.clear();
  dayNumbers.set(date, day);
  return day;
}

/** The UTC date (YYYY-MM-DD) of a day number. */
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The UTC date an instant falls on. */
export const utcDate = (instant: Date): string => instant.toISOString().slice(0, 10);

/** The period a date belongs to. */
export function periodOf(date: string, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return date.slice(0, 7);
  const day = dayNumber(date)!;
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  return dateOf(day - ((((day + 3) % 7) + 7) % 7));
}

export type RangeProblem = 'INVALID_DATE' | 'FROM_AFTER_TO' | 'RANGE_TOO_LONG';

/** The range's day numbers, or what is wrong with it. */
export function checkRange(from: string, to: string): { first: number; last: number } | { problem: RangeProblem } {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (first === undefined || last === undefined) return { problem: 'INVALID_DATE' };
  if (first > last) return { problem: 'FROM_AFTER_TO' };
  if (last - first > MAX_RANGE_DAYS) return { problem: 'RANGE_TOO_LONG' };
  return { first, last };
}

/** Every date of the range, oldest first. */
export function datesBetween(from: string, to: string): string[] {
  const first = dayNumber(from)!;
  const last = dayNumber(to)!;
  return Array.from({ length: last - first + 1 }, (_, i) => dateOf(first + i));
}

/** Every period the range touches, oldest first, each with the dates of the range it holds. */
export function periodsBetween(from: string, to: string, granularity: Granularity): { period: string; dates: string[] }[] {
  const periods = new Map<string, string[]>();
  for (const date of datesBetween(from, to)) {
    const period = periodOf(date, granularity);
    const dates = periods.get(period) ?? [];
    dates.push(date);
    periods.set(period, dates);
  }
  return [...periods].map(([period, dates]) => ({ period, dates }));
}

/** The date `days` after (or before) a date. */
export const addDays = (date: string, days: number): string => dateOf(dayNumber(date)! + days);
