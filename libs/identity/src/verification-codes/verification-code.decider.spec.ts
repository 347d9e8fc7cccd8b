import { deciderSpecification } from '@mpp/eventsourcing/testing';
import {
  VERIFICATION_CODE_ATTEMPT_FAILED,
  VERIFICATION_CODE_BURNED,
  VERIFICATION_CODE_CONSUMED,
  VERIFICATION_CODE_ISSUED,
  VerificationCodeCommand,
  verificationCodeDecider,
  VerificationCodeEvent,
} from './verification-code.decider';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const at = (ms: number) => ({ now: new Date(t0.getTime() + ms), newId: () => 'id' });
const issue: VerificationCodeCommand = { type: 'RequestVerificationCode', email: 'a@x.io', purpose: 'SIGN_UP', codeHash: 'h', codeId: 'k', codeCiphertext: 'c' };
const issued: VerificationCodeEvent = {
  type: VERIFICATION_CODE_ISSUED,
  data: { email: 'a@x.io', purpose: 'SIGN_UP', codeHash: 'h', codeId: 'k', codeCiphertext: 'c', issuedAt: t0.toISOString(), expiresAt: new Date(t0.getTime() + 600_000).toISOString() },
};
const spec = deciderSpecification(verificationCodeDecider);
const decide = (events: VerificationCodeEvent[], command: VerificationCodeCommand, ms: number) => spec.given(events).when(command, at(ms)).decided();
const wrong = (n: number): VerificationCodeEvent => ({ type: VERIFICATION_CODE_ATTEMPT_FAILED, data: { failedAttempts: n, at: t0.toISOString() } });

describe('verification code decider', () => {
  it('issues a code valid for 10 minutes', () => {
    expect(decide([], issue, 0)).toEqual([issued]);
  });

  it('refuses a new code within a minute (429) and allows one after', () => {
    expect(() => decide([issued], issue, 59_000)).toThrow(expect.objectContaining({ code: 'CODE_REQUESTED_TOO_SOON', category: 'rate_limited' }));
    expect(decide([issued], issue, 60_000)[0].type).toBe(VERIFICATION_CODE_ISSUED);
  });

  it('consumes the right code once', () => {
    const used = decide([issued], { type: 'UseVerificationCode', matches: true }, 1000);
    expect(used).toEqual([{ type: VERIFICATION_CODE_CONSUMED, data: { at: new Date(t0.getTime() + 1000).toISOString() } }]);
    expect(() => decide([issued, ...used], { type: 'UseVerificationCode', matches: true }, 2000)).toThrow(
      expect.objectContaining({ code: 'INVALID_VERIFICATION_CODE', category: 'bad_input' }),
    );
  });

  it('refuses an expired code even when it matches', () => {
    expect(() => decide([issued], { type: 'UseVerificationCode', matches: true }, 600_000)).toThrow(expect.objectContaining({ code: 'INVALID_VERIFICATION_CODE' }));
  });

  it('counts wrong tries and burns the code at the fifth', () => {
    expect(decide([issued], { type: 'UseVerificationCode', matches: false }, 1000).map((e) => e.type)).toEqual([VERIFICATION_CODE_ATTEMPT_FAILED]);
    const fifth = decide([issued, wrong(1), wrong(2), wrong(3), wrong(4)], { type: 'UseVerificationCode', matches: false }, 1000);
    expect(fifth.map((e) => e.type)).toEqual([VERIFICATION_CODE_ATTEMPT_FAILED, VERIFICATION_CODE_BURNED]);
    expect(() => decide([issued, wrong(1), wrong(2), wrong(3), wrong(4), ...fifth], { type: 'UseVerificationCode', matches: true }, 2000)).toThrow(
      expect.objectContaining({ code: 'INVALID_VERIFICATION_CODE' }),
    );
  });

  it('refuses a code that was never issued', () => {
    expect(() => decide([], { type: 'UseVerificationCode', matches: true }, 0)).toThrow(expect.objectContaining({ code: 'INVALID_VERIFICATION_CODE' }));
  });
});
