import { ACCOUNT_REGISTERED, AccountRegisteredV1 } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { accountExists, accountNotFound, applicationUnderReview, invalidCredentials } from '../identity.errors';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

// Private events: they never leave identity (see IDENTITY_PUBLIC_EVENTS).
export const ACCOUNT_CREDENTIALS_SET = 'identity.AccountCredentialsSet';
export const LOGIN_FAILED = 'identity.LoginFailed';
export const ACCOUNT_LOCKED = 'identity.AccountLocked';
export const LOGIN_SUCCEEDED = 'identity.LoginSucceeded';
export const PASSWORD_RESET = 'identity.PasswordReset';
export const PLATFORM_ROLE_GRANTED = 'identity.PlatformRoleGranted';
export const APPLICATION_OPENED = 'identity.AccountApplicationOpened';
export const APPLICATION_CLOSED = 'identity.AccountApplicationClosed';

export type AccountEvent =
  | { type: typeof ACCOUNT_REGISTERED; data: AccountRegisteredV1 }
  | { type: typeof ACCOUNT_CREDENTIALS_SET; data: { email: string; passwordHash: string; termsVersion: string } }
  | { type: typeof LOGIN_FAILED; data: { failedLogins: number; at: string } }
  | { type: typeof ACCOUNT_LOCKED; data: { until: string } }
  | { type: typeof LOGIN_SUCCEEDED; data: { at: string } }
  | { type: typeof PASSWORD_RESET; data: { passwordHash: string; at: string } }
  | { type: typeof PLATFORM_ROLE_GRANTED; data: { role: string; at: string } }
  | { type: typeof APPLICATION_OPENED; data: { applicationId: string; at: string } }
  | { type: typeof APPLICATION_CLOSED; data: { applicationId: string; at: string } };

export type AccountCommand =
  | { type: 'RegisterAccount'; accountId: string; email: string; username: string; passwordHash: string; termsVersion: string }
  /** `passwordMatches` comes from the slow hash, checked outside. */
  | { type: 'RecordLoginAttempt'; passwordMatches: boolean }
  | { type: 'ResetPassword'; passwordHash: string }
  | { type: 'GrantPlatformRole'; role: string }
  /** DOMAIN.md: an account has at most one workspace application under review. */
  | { type: 'OpenApplication'; applicationId: string }
  | { type: 'CloseApplication'; applicationId: string };

export interface ActiveAccount {
  status: 'ACTIVE';
  accountId: string;
  email: string;
  username: string;
  passwordHash: string;
  failedLogins: number;
  lockedUntil?: string;
  platformRoles: string[];
  /** Sessions started before this moment are over (a password reset ends them all). */
  sessionsValidAfter?: string;
  applicationUnderReview?: string;
}

export type AccountState = { status: 'NONE' } | ActiveAccount;

export const PLATFORM_ROLES = ['REVIEWER', 'OPERATOR'] as const;

const isLocked = (state: ActiveAccount, now: Date) => state.lockedUntil !== undefined && Date.parse(state.lockedUntil) > now.getTime();

export const accountDecider: Decider<AccountState, AccountCommand, AccountEvent> = {
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    if (event.type === ACCOUNT_REGISTERED) {
      return { status: 'ACTIVE', accountId: event.data.accountId, username: event.data.username, email: '', passwordHash: '', failedLogins: 0, platformRoles: [] };
    }
    if (state.status === 'NONE') return state;
    switch (event.type) {
      case ACCOUNT_CREDENTIALS_SET:
        return { ...state, email: event.data.email, passwordHash: event.data.passwordHash };
      case LOGIN_FAILED:
        return { ...state, failedLogins: event.data.failedLogins };
      case ACCOUNT_LOCKED:
        return { ...state, lockedUntil: event.data.until };
      case LOGIN_SUCCEEDED:
        return { ...state, failedLogins: 0, lockedUntil: undefined };
      case PASSWORD_RESET:
        return { ...state, passwordHash: event.data.passwordHash, failedLogins: 0, lockedUntil: undefined, sessionsValidAfter: event.data.at };
      case PLATFORM_ROLE_GRANTED:
        return state.platformRoles.includes(event.data.role) ? state : { ...state, platformRoles: [...state.platformRoles, event.data.role] };
      case APPLICATION_OPENED:
        return { ...state, applicationUnderReview: event.data.applicationId };
      case APPLICATION_CLOSED:
        return { ...state, applicationUnderReview: undefined };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now }) {
    const at = now.toISOString();
    switch (command.type) {
      case 'RegisterAccount':
        if (state.status !== 'NONE') throw accountExists();
        return [
          { type: ACCOUNT_REGISTERED, data: { accountId: command.accountId, username: command.username, registeredAt: at } },
          { type: ACCOUNT_CREDENTIALS_SET, data: { email: command.email, passwordHash: command.passwordHash, termsVersion: command.termsVersion } },
        ];
      case 'RecordLoginAttempt': {
        if (state.status === 'NONE' || isLocked(state, now)) throw invalidCredentials();
        // A lock that has run out starts a fresh count, which can lock the account again.
        const failedSoFar = state.failedLogins >= MAX_FAILED_LOGINS ? 0 : state.failedLogins;
        if (command.passwordMatches) return failedSoFar > 0 || state.lockedUntil ? [{ type: LOGIN_SUCCEEDED, data: { at } }] : [];
        const failedLogins = failedSoFar + 1;
        return [
          { type: LOGIN_FAILED, data: { failedLogins, at } },
          ...(failedLogins >= MAX_FAILED_LOGINS ? [{ type: ACCOUNT_LOCKED, data: { until: new Date(now.getTime() + LOCK_MS).toISOString() } } as const] : []),
        ];
      }
      case 'ResetPassword':
        if (state.status === 'NONE') throw accountNotFound();
        return [{ type: PASSWORD_RESET, data: { passwordHash: command.passwordHash, at } }];
      case 'GrantPlatformRole':
        if (state.status === 'NONE') throw accountNotFound();
        if (!(PLATFORM_ROLES as readonly string[]).includes(command.role)) throw AppError.badInput(`unknown platform role ${command.role}`);
        return state.platformRoles.includes(command.role) ? [] : [{ type: PLATFORM_ROLE_GRANTED, data: { role: command.role, at } }];
      case 'OpenApplication':
        if (state.status === 'NONE') throw accountNotFound();
        if (state.applicationUnderReview) {
          throw applicationUnderReview(state.applicationUnderReview);
        }
        return [{ type: APPLICATION_OPENED, data: { applicationId: command.applicationId, at } }];
      case 'CloseApplication':
        return state.status === 'ACTIVE' && state.applicationUnderReview === command.applicationId
          ? [{ type: APPLICATION_CLOSED, data: { applicationId: command.applicationId, at } }]
          : [];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const accountStreamId = (accountId: string) => `Account-${accountId}`;
