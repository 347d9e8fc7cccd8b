import { checkUsageEvent, countedEvent, MAX_EVENT_AGE_MS, MAX_EVENT_AHEAD_MS } from './usage-event-check';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const MINI_PROGRAM = 'mp-1';
const targetAppsOf = (id: string) => (id === MINI_PROGRAM ? ['GCASH', 'DANA'] : undefined);
const at = (msFromNow: number) => new Date(NOW.getTime() + msFromNow).toISOString();
const good = { eventId: '0b7c6a4e-3f7d-4d7c-9a57-2f0a2b3c4d5e', miniProgramId: MINI_PROGRAM, type: 'LAUNCH', userId: 'host-user-1', sessionId: 's-1', occurredAt: at(-60_000) };
const check = (raw: unknown, hostApp = 'GCASH') => checkUsageEvent(raw, hostApp, NOW, targetAppsOf);

describe('a usage event checked on its own (DOMAIN.md 6, API.md POST /v1/collect)', () => {
  it('accepts a well-formed event of a target app, and counts it on its UTC date', () => {
    const checked = check({ ...good, occurredAt: '2026-11-26T07:30:00+08:00' });
    expect(checked).toEqual({ event: expect.objectContaining({ eventId: good.eventId, type: 'LAUNCH' }) });
    if (!('event' in checked)) throw new Error('refused');
    expect(countedEvent(checked.event, 'pseudonym')).toEqual({ type: 'LAUNCH', date: '2026-11-25', visitor: 'pseudonym', sessionId: 's-1', page: undefined, durationMs: undefined });
  });

  it('refuses a mini program it does not know, and a host app that is not one of its target apps', () => {
    expect(check({ ...good, miniProgramId: 'mp-unknown' })).toEqual({ refused: 'MINI_PROGRAM_UNKNOWN' });
    expect(check(good, 'WECHAT')).toEqual({ refused: 'HOST_APP_NOT_TARGET' });
  });

  it('takes events up to 7 days old and 5 minutes ahead, no further', () => {
    expect(check({ ...good, occurredAt: at(-MAX_EVENT_AGE_MS) })).toHaveProperty('event');
    expect(check({ ...good, occurredAt: at(-MAX_EVENT_AGE_MS - 1) })).toEqual({ refused: 'EVENT_TOO_OLD' });
    expect(check({ ...good, occurredAt: at(MAX_EVENT_AHEAD_MS) })).toHaveProperty('event');
    expect(check({ ...good, occurredAt: at(MAX_EVENT_AHEAD_MS + 1) })).toEqual({ refused: 'EVENT_IN_FUTURE' });
  });

  it('calls anything malformed EVENT_INVALID, before looking at the mini program', () => {
    const malformed: unknown[] = [
      null,
      [],
      'LAUNCH',
      { ...good, eventId: 'not-a-uuid' },
      { ...good, miniProgramId: 'mp-unknown', type: 'OPEN' },
      { ...good, userId: 'u'.repeat(65) },
      { ...good, userId: '' },
      { ...good, sessionId: 42 },
      { ...good, type: 'PAGE_VIEW' }, // a page view names its page
      { ...good, page: '/menu' }, // only page views do
      { ...good, type: 'SESSION_END' }, // a session end says how long
      { ...good, type: 'SESSION_END', durationMs: -1 },
      { ...good, type: 'SESSION_END', durationMs: 1.5 },
      { ...good, durationMs: 10 },
      { ...good, occurredAt: '2026-11-26' },
      { ...good, occurredAt: '2026-13-01T00:00:00Z' },
      { ...good, occurredAt: '2026-11-31T10:00:00Z' }, // Date would take it as December 1st
      { ...good, occurredAt: '2026-11-26T24:00:00Z' },
      { ...good, occurredAt: '2026-11-26T10:60:00Z' },
      { ...good, occurredAt: '2026-11-26T10:00:00+15:00' },
      { ...good, occurredAt: 1764158400000 },
      { ...good, referrer: 'home' }, // no field but the event's own, as in every body of the API
    ];
    for (const raw of malformed) expect([raw, check(raw)]).toEqual([raw, { refused: 'EVENT_INVALID' }]);
    expect(check({ ...good, type: 'PAGE_VIEW', page: '/menu' })).toHaveProperty('event');
    expect(check({ ...good, type: 'SESSION_END', durationMs: 0 })).toHaveProperty('event');
  });
});
