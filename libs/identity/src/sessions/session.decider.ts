import { Decider } from '@mpp/eventsourcing';
import { invalidRefreshToken, sessionExists } from '../identity.errors';

export const SESSION_STARTED = 'identity.SessionStarted';
export const SESSION_REFRESHED = 'identity.SessionRefreshed';
export const SESSION_ENDED = 'identity.SessionEnded';

export type SessionEndReason = 'LOGGED_OUT' | 'REFRESH_TOKEN_REUSED' | 'PASSWORD_RESET' | 'EXPIRED';

export type SessionEvent =
  | { type: typeof SESSION_STARTED; data: { sessionId: string; accountId: string; tokenHash: string; startedAt: string; expiresAt: string } }
  | { type: typeof SESSION_REFRESHED; data: { tokenHash: string; expiresAt: string; at: string } }
  | { type: typeof SESSION_ENDED; data: { reason: SessionEndReason; at: string } };

export type SessionCommand =
  | { type: 'StartSession'; sessionId: string; accountId: string; tokenHash: string; expiresAt: string }
  /** `sessionsValidAfter`: from the account; a password reset ends every session started before it. */
  | { type: 'RefreshSession'; presentedHash: string; newHash: string; expiresAt: string; sessionsValidAfter?: string }
  | { type: 'EndSession'; reason: SessionEndReason };

export type SessionState =
  | { status: 'NONE' }
  | { status: 'ACTIVE'; accountId: string; tokenHash: string; usedHashes: string[]; startedAt: string; expiresAt: string }
  | { status: 'ENDED'; accountId: string; reason: SessionEndReason };

/** One session = one family of refresh tokens; each refresh rotates the token, and a reused one ends the family. */
export const sessionDecider: Decider<SessionState, SessionCommand, SessionEvent> = {
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    switch (event.type) {
      case SESSION_STARTED:
        return { status: 'ACTIVE', accountId: event.data.accountId, tokenHash: event.data.tokenHash, usedHashes: [], startedAt: event.data.startedAt, expiresAt: event.data.expiresAt };
      case SESSION_REFRESHED:
        return state.status === 'ACTIVE'
          ? { ...state, tokenHash: event.data.tokenHash, usedHashes: [...state.usedHashes, state.tokenHash], expiresAt: event.data.expiresAt }
          : state;
      case SESSION_ENDED:
        return state.status === 'NONE' ? state : { status: 'ENDED', accountId: state.accountId, reason: event.data.reason };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now }) {
    const at = now.toISOString();
    switch (command.type) {
      case 'StartSession':
        if (state.status !== 'NONE') throw sessionExists();
        return [{ type: SESSION_STARTED, data: { sessionId: command.sessionId, accountId: command.accountId, tokenHash: command.tokenHash, startedAt: at, expiresAt: command.expiresAt } }];
      case 'RefreshSession': {
        if (state.status !== 'ACTIVE') throw invalidRefreshToken();
        // A token of this family that was already rotated away: someone holds a copy. End the whole family.
        if (state.usedHashes.includes(command.presentedHash)) return [{ type: SESSION_ENDED, data: { reason: 'REFRESH_TOKEN_REUSED', at } }];
        if (command.presentedHash !== state.tokenHash) throw invalidRefreshToken();
        if (command.sessionsValidAfter && Date.parse(state.startedAt) < Date.parse(command.sessionsValidAfter)) {
          return [{ type: SESSION_ENDED, data: { reason: 'PASSWORD_RESET', at } }];
        }
        if (Date.parse(state.expiresAt) <= now.getTime()) return [{ type: SESSION_ENDED, data: { reason: 'EXPIRED', at } }];
        return [{ type: SESSION_REFRESHED, data: { tokenHash: command.newHash, expiresAt: command.expiresAt, at } }];
      }
      case 'EndSession':
        return state.status === 'ACTIVE' ? [{ type: SESSION_ENDED, data: { reason: command.reason, at } }] : [];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const sessionStreamId = (sessionId: string) => `Session-${sessionId}`;
