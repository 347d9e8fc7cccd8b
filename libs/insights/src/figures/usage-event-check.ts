import { UsageRefusalCode } from '@mpp/contracts';
import { CountedEvent, UsageEventType } from './usage-figures';
import { dayNumber, utcDate } from './periods';

/*
 * One usage event of a host app's batch checked on its own (DOMAIN.md 6): accepted, or refused with a code.
 * The batch as a whole is refused only when it is malformed as a whole (the gateway's body checks).
 */

export const USAGE_EVENT_TYPES: readonly UsageEventType[] = ['LAUNCH', 'PAGE_VIEW', 'SHARE', 'ERROR', 'SESSION_END'];
export type UsageRefusal = UsageRefusalCode;

/** How old an event may be (and how long its id is remembered), and how far ahead of our clock. */
export const MAX_EVENT_AGE_MS = 7 * 86_400_000;
export const MAX_EVENT_AHEAD_MS = 5 * 60_000;
const MAX_USER_ID = 64;
const MAX_SESSION_ID = 128;
const MAX_PAGE = 512;
/** A SESSION_END longer than a day is not a session. */
const MAX_DURATION_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** A usage event as a host app sends it, its user id not yet pseudonymized. */
export interface UsageEventInput {
  eventId: string;
  miniProgramId: string;
  type: UsageEventType;
  userId: string;
  sessionId: string;
  page?: string;
  durationMs?: number;
  occurredAt: Date;
}

/**
 * An RFC 3339 date-time with its offset, or undefined: Date would roll 2026-02-30 or 24:00 over to another moment
 * and count the event on the wrong day.
 */
function instant(value: string): Date | undefined {
  const m = INSTANT.exec(value);
  if (!m || dayNumber(m[1]) === undefined) return undefined;
  const [hour, minute, second, offsetHours, offsetMinutes] = [m[2], m[3], m[4], m[6], m[7]].map((part) => Number(part ?? 0));
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return undefined;
  return new Date(value);
}

const text = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

const FIELDS = new Set(['eventId', 'miniProgramId', 'type', 'userId', 'sessionId', 'page', 'durationMs', 'occurredAt']);

/** The event when its fields are well-formed and it has no others (as every body of the API), else undefined. */
export function parseUsageEvent(raw: unknown): UsageEventInput | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const e = raw as Record<string, unknown>;
  for (const field of Object.keys(e)) if (!FIELDS.has(field)) return undefined;
  if (!text(e.eventId, 36) || !UUID.test(e.eventId)) return undefined;
  if (!text(e.miniProgramId, 64)) return undefined;
  if (typeof e.type !== 'string' || !USAGE_EVENT_TYPES.includes(e.type as UsageEventType)) return undefined;
  const type = e.type as UsageEventType;
  if (!text(e.userId, MAX_USER_ID) || !text(e.sessionId, MAX_SESSION_ID)) return undefined;
  if (type === 'PAGE_VIEW' ? !text(e.page, MAX_PAGE) : e.page !== undefined) return undefined;
  const duration = e.durationMs;
  if (type === 'SESSION_END' ? !(Number.isInteger(duration) && (duration as number) >= 0 && (duration as number) <= MAX_DURATION_MS) : duration !== undefined) return undefined;
  const occurredAt = typeof e.occurredAt === 'string' ? instant(e.occurredAt) : undefined;
  if (!occurredAt) return undefined;
  return { eventId: e.eventId.toLowerCase(), miniProgramId: e.miniProgramId, type, userId: e.userId, sessionId: e.sessionId, page: e.page as string | undefined, durationMs: duration as number | undefined, occurredAt };
}

/**
 * Checks one event sent by `hostApp` at `now`: malformed first, then the mini program (unknown, or the host app
 * not among its target apps), then its time (older than 7 days, more than 5 minutes ahead).
 */
export function checkUsageEvent(raw: unknown, hostApp: string, now: Date, targetAppsOf: (miniProgramId: string) => readonly string[] | undefined): { event: UsageEventInput } | { refused: UsageRefusal } {
  const event = parseUsageEvent(raw);
  if (!event) return { refused: 'EVENT_INVALID' };
  const targetApps = targetAppsOf(event.miniProgramId);
  if (!targetApps) return { refused: 'MINI_PROGRAM_UNKNOWN' };
  if (!targetApps.includes(hostApp)) return { refused: 'HOST_APP_NOT_TARGET' };
  const age = now.getTime() - event.occurredAt.getTime();
  if (age > MAX_EVENT_AGE_MS) return { refused: 'EVENT_TOO_OLD' };
  if (-age > MAX_EVENT_AHEAD_MS) return { refused: 'EVENT_IN_FUTURE' };
  return { event };
}

/** The event as figures count it, its user id replaced by the pseudonym the caller made. */
export const countedEvent = (event: UsageEventInput, visitor: string): CountedEvent => ({
  type: event.type,
  date: utcDate(event.occurredAt),
  visitor,
  sessionId: event.sessionId,
  page: event.page,
  durationMs: event.durationMs,
});
