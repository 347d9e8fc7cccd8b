import { fold } from '@mpp/eventsourcing';
import { deciderSpecification } from '@mpp/eventsourcing/testing';
import { SESSION_ENDED, SESSION_REFRESHED, SESSION_STARTED, SessionCommand, sessionDecider, SessionEvent } from './session.decider';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const at = (ms = 0) => ({ now: new Date(t0.getTime() + ms), newId: () => 'id' });
const later = new Date(t0.getTime() + 86_400_000).toISOString();
const started: SessionEvent = { type: SESSION_STARTED, data: { sessionId: 's1', accountId: 'a1', tokenHash: 'h1', startedAt: t0.toISOString(), expiresAt: later } };
const rotated: SessionEvent = { type: SESSION_REFRESHED, data: { tokenHash: 'h2', expiresAt: later, at: t0.toISOString() } };
const spec = deciderSpecification(sessionDecider);
const decide = (events: SessionEvent[], command: SessionCommand, ms = 0) => spec.given(events).when(command, at(ms)).decided();
const refresh = (presentedHash: string, extra: Partial<Extract<SessionCommand, { type: 'RefreshSession' }>> = {}): SessionCommand => ({
  type: 'RefreshSession',
  presentedHash,
  newHash: 'h-next',
  expiresAt: later,
  ...extra,
});

describe('session decider', () => {
  it('rotates the refresh token', () => {
    expect(decide([started], refresh('h1')).map((e) => e.type)).toEqual([SESSION_REFRESHED]);
    expect(fold(sessionDecider, [started, rotated])).toMatchObject({ tokenHash: 'h2', usedHashes: ['h1'] });
  });

  it('ends the whole family when a rotated-away token comes back', () => {
    expect(decide([started, rotated], refresh('h1'))).toEqual([{ type: SESSION_ENDED, data: { reason: 'REFRESH_TOKEN_REUSED', at: t0.toISOString() } }]);
  });

  it('refuses unknown tokens and ended sessions', () => {
    expect(() => decide([started], refresh('nope'))).toThrow(expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN', category: 'unauthenticated' }));
    const ended: SessionEvent = { type: SESSION_ENDED, data: { reason: 'LOGGED_OUT', at: t0.toISOString() } };
    expect(() => decide([started, ended], refresh('h1'))).toThrow(expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' }));
    expect(() => decide([], refresh('h1'))).toThrow(expect.objectContaining({ code: 'INVALID_REFRESH_TOKEN' }));
  });

  it('ends a session started before a password reset, and an expired one', () => {
    expect(decide([started], refresh('h1', { sessionsValidAfter: new Date(t0.getTime() + 1).toISOString() }))[0].data).toMatchObject({ reason: 'PASSWORD_RESET' });
    expect(decide([started], refresh('h1'), 86_400_000)[0].data).toMatchObject({ reason: 'EXPIRED' });
  });

  it('logs out once', () => {
    expect(decide([started], { type: 'EndSession', reason: 'LOGGED_OUT' }).map((e) => e.type)).toEqual([SESSION_ENDED]);
    expect(decide([started, { type: SESSION_ENDED, data: { reason: 'LOGGED_OUT', at: '' } }], { type: 'EndSession', reason: 'LOGGED_OUT' })).toEqual([]);
  });
});
