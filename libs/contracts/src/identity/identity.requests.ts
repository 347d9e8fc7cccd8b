// Requests the gateway sends to identity (DOMAIN.md section 1). Payloads are validated at the gateway and checked again by the deciders.
import type { Answers } from '../messaging/request-map';
import type { Empty } from '../messaging/request';
import type { WorkspaceRequests } from './workspaces.requests';

export const REQUEST_VERIFICATION_CODE = 'identity.RequestVerificationCode';
export const REGISTER_ACCOUNT = 'identity.RegisterAccount';
export const START_SESSION = 'identity.StartSession';
export const REFRESH_SESSION = 'identity.RefreshSession';
export const END_SESSION = 'identity.EndSession';
export const RESET_PASSWORD = 'identity.ResetPassword';
export const GET_ME = 'identity.GetMe';
export const GET_MAILBOX = 'identity.GetMailbox';

export type VerificationPurpose = 'SIGN_UP' | 'RESET_PASSWORD';
export const VERIFICATION_PURPOSES: readonly VerificationPurpose[] = ['SIGN_UP', 'RESET_PASSWORD'];

export interface RequestVerificationCodePayload {
  email: string;
  purpose: VerificationPurpose;
}

export interface RegisterAccountPayload {
  email: string;
  code: string;
  username: string;
  password: string;
  acceptTerms: true;
}

export interface StartSessionPayload {
  /** Email or username. */
  login: string;
  password: string;
}

export interface RefreshSessionPayload {
  refreshToken: string;
}

export interface ResetPasswordPayload {
  email: string;
  code: string;
  newPassword: string;
}

export interface AccountRegisteredReply {
  accountId: string;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface MeView {
  accountId: string;
  email: string;
  username: string;
  platformRoles: string[];
  workspaces: { workspaceId: string; name: string; type: 'ISV' | 'MERCHANT'; role: string }[];
}

export interface GetMailboxPayload {
  to: string;
}

export interface MailView {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** The dev mailbox: newest first. */
export interface Mailbox {
  items: MailView[];
}

/** identity's requests: one per verb of DOMAIN.md 1 and per query (the workspace ones in WorkspaceRequests). */
export interface IdentityRequests extends WorkspaceRequests {
  [REQUEST_VERIFICATION_CODE]: Answers<RequestVerificationCodePayload, Empty>;
  [REGISTER_ACCOUNT]: Answers<RegisterAccountPayload, AccountRegisteredReply>;
  [START_SESSION]: Answers<StartSessionPayload, SessionTokens>;
  [REFRESH_SESSION]: Answers<RefreshSessionPayload, SessionTokens>;
  /** The session is the caller's (meta.actor.sessionId). */
  [END_SESSION]: Answers<Empty, Empty>;
  [RESET_PASSWORD]: Answers<ResetPasswordPayload, Empty>;
  [GET_ME]: Answers<Empty, MeView>;
  [GET_MAILBOX]: Answers<GetMailboxPayload, Mailbox>;
}
