import { ACCOUNT_REGISTERED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification } from '@mpp/eventsourcing/testing';
import {
  ACCOUNT_CREDENTIALS_SET,
  ACCOUNT_LOCKED,
  AccountCommand,
  accountDecider,
  AccountEvent,
  LOGIN_FAILED,
  LOGIN_SUCCEEDED,
  PASSWORD_RESET,
  PLATFORM_ROLE_GRANTED,
} from './account.decider';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const at = (ms = 0) => ({ now: new Date(t0.getTime() + ms), newId: () => 'id' });
const registered: AccountEvent[] = [
  { type: ACCOUNT_REGISTERED, data: { accountId: 'a1', username: 'ann', registeredAt: t0.toISOString() } },
  { type: ACCOUNT_CREDENTIALS_SET, data: { email: 'ann@x.io', passwordHash: 'h', termsVersion: '2026-01' } },
];
const spec = deciderSpecification(accountDecider);
const decide = (events: AccountEvent[], command: AccountCommand, ms = 0) => spec.given(events).when(command, at(ms)).decided();
const failed = (n: number): AccountEvent => ({ type: LOGIN_FAILED, data: { failedLogins: n, at: t0.toISOString() } });
const wrongPassword: AccountCommand = { type: 'RecordLoginAttempt', passwordMatches: false };
const rightPassword: AccountCommand = { type: 'RecordLoginAttempt', passwordMatches: true };

describe('account decider', () => {
  it('registers once, keeping the hash out of the public event', () => {
    const events = decide([], { type: 'RegisterAccount', accountId: 'a1', email: 'ann@x.io', username: 'ann', passwordHash: 'h', termsVersion: '2026-01' });
    expect(events).toEqual(registered);
    expect(JSON.stringify(events[0])).not.toContain('ann@x.io');
    expect(() => decide(registered, { type: 'RegisterAccount', accountId: 'a1', email: 'x', username: 'x', passwordHash: 'h', termsVersion: 'v' })).toThrow(
      expect.objectContaining({ code: 'ACCOUNT_EXISTS' }),
    );
  });

  it('records nothing for a plain successful login', () => {
    expect(decide(registered, rightPassword)).toEqual([]);
  });

  it('locks the account for 15 minutes at the fifth failed login', () => {
    expect(decide(registered, wrongPassword).map((e) => e.type)).toEqual([LOGIN_FAILED]);
    const fifth = decide([...registered, failed(1), failed(2), failed(3), failed(4)], wrongPassword);
    expect(fifth).toEqual([
      { type: LOGIN_FAILED, data: { failedLogins: 5, at: t0.toISOString() } },
      { type: ACCOUNT_LOCKED, data: { until: new Date(t0.getTime() + 15 * 60_000).toISOString() } },
    ]);
  });

  it('refuses even the right password while locked, with the same answer as a wrong one', () => {
    const locked = [...registered, failed(5), { type: ACCOUNT_LOCKED, data: { until: new Date(t0.getTime() + 900_000).toISOString() } } as AccountEvent];
    expect(() => decide(locked, rightPassword, 60_000)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS', category: 'unauthenticated' }));
    expect(decide(locked, rightPassword, 900_000)).toEqual([{ type: LOGIN_SUCCEEDED, data: { at: new Date(t0.getTime() + 900_000).toISOString() } }]);
    expect(decide(locked, wrongPassword, 900_000)[0]).toEqual({ type: LOGIN_FAILED, data: { failedLogins: 1, at: new Date(t0.getTime() + 900_000).toISOString() } });
  });

  it('answers an unknown account like a wrong password', () => {
    expect(() => decide([], rightPassword)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
  });

  it('resets the password, which unlocks and ends earlier sessions', () => {
    const events = decide([...registered, failed(5)], { type: 'ResetPassword', passwordHash: 'h2' }, 1000);
    expect(events).toEqual([{ type: PASSWORD_RESET, data: { passwordHash: 'h2', at: new Date(t0.getTime() + 1000).toISOString() } }]);
    expect(fold(accountDecider, [...registered, failed(5), ...events])).toMatchObject({ passwordHash: 'h2', failedLogins: 0, sessionsValidAfter: (events[0].data as { at: string }).at });
  });

  it('grants a known platform role once', () => {
    const granted = decide(registered, { type: 'GrantPlatformRole', role: 'REVIEWER' });
    expect(granted.map((e) => e.type)).toEqual([PLATFORM_ROLE_GRANTED]);
    expect(decide([...registered, ...granted], { type: 'GrantPlatformRole', role: 'REVIEWER' })).toEqual([]);
    expect(() => decide(registered, { type: 'GrantPlatformRole', role: 'KING' })).toThrow(expect.objectContaining({ category: 'bad_input' }));
  });

  it('has at most one application under review at a time', () => {
    const opened = decide(registered, { type: 'OpenApplication', applicationId: 'app1' });
    expect(() => decide([...registered, ...opened], { type: 'OpenApplication', applicationId: 'app2' })).toThrow(
      expect.objectContaining({ code: 'APPLICATION_UNDER_REVIEW', category: 'conflict' }),
    );
    const closed = decide([...registered, ...opened], { type: 'CloseApplication', applicationId: 'app1' });
    expect(decide([...registered, ...opened, ...closed], { type: 'OpenApplication', applicationId: 'app2' })).toHaveLength(1);
  });

  it('locks again after a lock has run out and five more failures', () => {
    let events: AccountEvent[] = [...registered];
    for (let i = 0; i < 5; i++) events = [...events, ...decide(events, wrongPassword)];
    expect(events.some((e) => e.type === ACCOUNT_LOCKED)).toBe(true);
    const later = 16 * 60_000;
    for (let i = 0; i < 4; i++) events = [...events, ...decide(events, wrongPassword, later)];
    const fifth = decide(events, wrongPassword, later);
    expect(fifth.map((e) => e.type)).toEqual([LOGIN_FAILED, ACCOUNT_LOCKED]);
    expect(() => decide([...events, ...fifth], rightPassword, later + 1000)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
  });
});
