import { AppError } from '@mpp/platform';

// identity's refusals, declared once: the stable codes clients see (API.md) and the errors that carry them.

export const ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND';
export const ACCOUNT_EXISTS = 'ACCOUNT_EXISTS';
export const EMAIL_TAKEN = 'EMAIL_TAKEN';
export const USERNAME_TAKEN = 'USERNAME_TAKEN';
export const INVALID_CREDENTIALS = 'INVALID_CREDENTIALS';
export const INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN';
export const SESSION_EXISTS = 'SESSION_EXISTS';
export const CODE_REQUESTED_TOO_SOON = 'CODE_REQUESTED_TOO_SOON';
export const INVALID_VERIFICATION_CODE = 'INVALID_VERIFICATION_CODE';
export const MAILBOX_OFF = 'MAILBOX_OFF';
export const FORBIDDEN_ROLE = 'FORBIDDEN_ROLE';
export const APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND';
export const APPLICATION_EXISTS = 'APPLICATION_EXISTS';
export const APPLICATION_UNDER_REVIEW = 'APPLICATION_UNDER_REVIEW';
export const APPLICATION_ALREADY_DECIDED = 'APPLICATION_ALREADY_DECIDED';
export const APPLICATION_BEING_APPROVED = 'APPLICATION_BEING_APPROVED';
export const LOGO_TOO_LARGE = 'LOGO_TOO_LARGE';
export const INVALID_LOGO = 'INVALID_LOGO';
export const WORKSPACE_NOT_FOUND = 'WORKSPACE_NOT_FOUND';
export const WORKSPACE_EXISTS = 'WORKSPACE_EXISTS';
export const FORBIDDEN_WORKSPACE_ROLE = 'FORBIDDEN_WORKSPACE_ROLE';
export const MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND';
export const ALREADY_MEMBER = 'ALREADY_MEMBER';
export const OWNER_CANNOT_BE_REMOVED = 'OWNER_CANNOT_BE_REMOVED';
export const INVITATION_NOT_FOUND = 'INVITATION_NOT_FOUND';
export const INVITATION_PENDING = 'INVITATION_PENDING';
export const INVITATION_NOT_PENDING = 'INVITATION_NOT_PENDING';
export const INVITATION_EXPIRED = 'INVITATION_EXPIRED';

// Accounts, credentials and sessions.
export const accountNotFound = (message = 'no such account') => AppError.notFound(ACCOUNT_NOT_FOUND, message);
export const accountExists = () => AppError.conflict(ACCOUNT_EXISTS, 'this account exists already');
export const emailTaken = (message = 'this email is taken') => AppError.conflict(EMAIL_TAKEN, message);
export const usernameTaken = (message = 'this username is taken') => AppError.conflict(USERNAME_TAKEN, message);
export const weakPassword = (field: string) => AppError.badInput('the password is too weak', [{ field, message: 'at least 8 characters with letters and digits' }]);
/** Wrong login, wrong password and a locked account all answer the same, so nothing tells whether an account exists. */
export const invalidCredentials = () =>
  new AppError(INVALID_CREDENTIALS, 'unauthenticated', 'the login or password is wrong, or the account is locked for a while after too many failed attempts');
export const invalidRefreshToken = () => new AppError(INVALID_REFRESH_TOKEN, 'unauthenticated', 'the refresh token is not valid; sign in again');
export const sessionExists = () => AppError.conflict(SESSION_EXISTS, 'this session exists already');
export const codeRequestedTooSoon = () => AppError.rateLimited(CODE_REQUESTED_TOO_SOON, 'a new code can be requested once a minute');
export const invalidCode = () =>
  AppError.badInput('the verification code is wrong, expired or used', [{ field: 'code', message: 'invalid verification code' }], INVALID_VERIFICATION_CODE);
export const mailboxOff = () => AppError.notFound(MAILBOX_OFF, 'the dev mailbox is off here (SMTP is configured, or this is production)');

// Workspace applications and their review.
export const forbiddenRole = (what: string) => AppError.forbidden(FORBIDDEN_ROLE, `only reviewers ${what}`);
export const applicationNotFound = () => AppError.notFound(APPLICATION_NOT_FOUND, 'no such workspace application');
export const applicationExists = () => AppError.conflict(APPLICATION_EXISTS, 'this application exists already');
export const applicationUnderReview = (applicationId: string) => AppError.conflict(APPLICATION_UNDER_REVIEW, `application ${applicationId} is still under review`);
export const applicationAlreadyDecided = (message: string) => AppError.rule(APPLICATION_ALREADY_DECIDED, message);
export const applicationBeingApproved = () => AppError.conflict(APPLICATION_BEING_APPROVED, 'another reviewer is approving this application');
export const logoTooLarge = () => new AppError(LOGO_TOO_LARGE, 'too_large', 'the logo must be at most 2 MB');
export const invalidLogo = (message: string, field: string) => AppError.badInput(message, [{ field: 'logo', message: field }], INVALID_LOGO);

// Workspaces, members and invitations.
export const workspaceNotFound = () => AppError.notFound(WORKSPACE_NOT_FOUND, 'no such workspace');
export const workspaceExists = () => AppError.conflict(WORKSPACE_EXISTS, 'this workspace exists already');
export const forbiddenWorkspaceRole = (what: string) => AppError.forbidden(FORBIDDEN_WORKSPACE_ROLE, `only the Owner and Admins ${what}`);
export const memberNotFound = () => AppError.notFound(MEMBER_NOT_FOUND, 'no such member');
export const alreadyMember = (message: string) => AppError.conflict(ALREADY_MEMBER, message);
export const ownerCannotBeRemoved = () => AppError.rule(OWNER_CANNOT_BE_REMOVED, 'the Owner cannot be removed');
export const invitationNotFound = () => AppError.notFound(INVITATION_NOT_FOUND, 'no such invitation');
export const invitationPending = () => AppError.conflict(INVITATION_PENDING, 'this address has a pending invitation');
export const invitationNotPending = (status: string) => AppError.rule(INVITATION_NOT_PENDING, `the invitation is ${status.toLowerCase()}`);
export const invitationExpired = () => AppError.rule(INVITATION_EXPIRED, 'the invitation has expired; ask for a new one');
