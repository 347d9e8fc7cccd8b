import { VerificationPurpose } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { codeRequestedTooSoon, invalidCode } from '../identity.errors';

export const CODE_TTL_MS = 10 * 60_000;
export const RESEND_AFTER_MS = 60_000;
export const MAX_WRONG_TRIES = 5;

export const VERIFICATION_CODE_ISSUED = 'identity.VerificationCodeIssued';
export const VERIFICATION_CODE_ATTEMPT_FAILED = 'identity.VerificationCodeAttemptFailed';
export const VERIFICATION_CODE_BURNED = 'identity.VerificationCodeBurned';
export const VERIFICATION_CODE_CONSUMED = 'identity.VerificationCodeConsumed';

export interface VerificationCodeIssuedData {
  email: string;
  purpose: VerificationPurpose;
  /** scrypt hash: what the code is checked against. */
  codeHash: string;
  /** The code sealed with a key of its own (CodeVault), shredded once the mail is sent. */
  codeId: string;
  codeCiphertext: string;
  issuedAt: string;
  expiresAt: string;
}

export type VerificationCodeEvent =
  | { type: typeof VERIFICATION_CODE_ISSUED; data: VerificationCodeIssuedData }
  | { type: typeof VERIFICATION_CODE_ATTEMPT_FAILED; data: { failedAttempts: number; at: string } }
  | { type: typeof VERIFICATION_CODE_BURNED; data: { at: string } }
  | { type: typeof VERIFICATION_CODE_CONSUMED; data: { at: string } };

export type VerificationCodeCommand =
  | { type: 'RequestVerificationCode'; email: string; purpose: VerificationPurpose; codeHash: string; codeId: string; codeCiphertext: string }
  /** `matches` is decided outside (the slow hash is not pure); the decider applies the rules. */
  | { type: 'UseVerificationCode'; matches: boolean };

export type VerificationCodeState =
  | { status: 'NONE' }
  | { status: 'ACTIVE'; codeHash: string; issuedAt: string; expiresAt: string; failedAttempts: number }
  | { status: 'USED' | 'BURNED'; issuedAt: string };

/** One code at a time per (email, purpose): 10 minutes, single use, 5 wrong tries burn it, a new one once a minute. */
export const verificationCodeDecider: Decider<VerificationCodeState, VerificationCodeCommand, VerificationCodeEvent> = {
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    switch (event.type) {
      case VERIFICATION_CODE_ISSUED:
        return { status: 'ACTIVE', codeHash: event.data.codeHash, issuedAt: event.data.issuedAt, expiresAt: event.data.expiresAt, failedAttempts: 0 };
      case VERIFICATION_CODE_ATTEMPT_FAILED:
        return state.status === 'ACTIVE' ? { ...state, failedAttempts: event.data.failedAttempts } : state;
      case VERIFICATION_CODE_BURNED:
        return state.status === 'NONE' ? state : { status: 'BURNED', issuedAt: state.issuedAt };
      case VERIFICATION_CODE_CONSUMED:
        return state.status === 'NONE' ? state : { status: 'USED', issuedAt: state.issuedAt };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now }) {
    switch (command.type) {
      case 'RequestVerificationCode': {
        if (state.status !== 'NONE' && now.getTime() - Date.parse(state.issuedAt) < RESEND_AFTER_MS) {
          throw codeRequestedTooSoon();
        }
        const { email, purpose, codeHash, codeId, codeCiphertext } = command;
        return [
          {
            type: VERIFICATION_CODE_ISSUED,
            data: { email, purpose, codeHash, codeId, codeCiphertext, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString() },
          },
        ];
      }
      case 'UseVerificationCode': {
        if (state.status !== 'ACTIVE' || Date.parse(state.expiresAt) <= now.getTime()) throw invalidCode();
        const at = now.toISOString();
        if (command.matches) return [{ type: VERIFICATION_CODE_CONSUMED, data: { at } }];
        const failedAttempts = state.failedAttempts + 1;
        return [
          { type: VERIFICATION_CODE_ATTEMPT_FAILED, data: { failedAttempts, at } },
          ...(failedAttempts >= MAX_WRONG_TRIES ? [{ type: VERIFICATION_CODE_BURNED, data: { at } } as const] : []),
        ];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const verificationCodeStreamId = (purpose: VerificationPurpose, emailDigest: string) => `VerificationCode-${purpose}-${emailDigest}`;
