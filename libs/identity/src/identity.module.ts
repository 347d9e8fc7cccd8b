import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AggregateStore, EventStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, EVENT_STORE, LOGGER, SQL_CLIENT } from '@mpp/application';
import { Logger } from '@mpp/platform';
import { SqlClient } from '@mpp/eventsourcing';
import { createMailSetup } from './email/mail-setup';
import { GetMailboxHandler } from './email/get-mailbox/get-mailbox.handler';
import { AccountClaims } from './accounts/account-claims';
import { RegisterAccountHandler } from './accounts/register-account/register-account.handler';
import { ResetPasswordHandler } from './accounts/reset-password/reset-password.handler';
import { CodeVault } from './credentials/code-vault';
import { PasswordHasher, SCRYPT_COST } from './credentials/password-hasher';
import { IdentityConfig } from './identity.config';
import { ACCOUNT_CLAIMS, CODE_VAULT, IDENTITY_CONFIG, LOGO_STORE, MAIL_SETUP, PASSWORD_HASHER } from './identity.tokens';
import { LogoStore } from './logos/logo-store';
import { ApplicationReview } from './workspace-applications/application-review';
import { ApproveWorkspaceApplicationHandler } from './workspace-applications/approve-workspace-application/approve-workspace-application.handler';
import { GetWorkspaceApplicationHandler } from './workspace-applications/get-workspace-application/get-workspace-application.handler';
import { ListMyWorkspaceApplicationsHandler } from './workspace-applications/list-my-workspace-applications/list-my-workspace-applications.handler';
import { ListWorkspaceApplicationsForReviewHandler } from './workspace-applications/list-workspace-applications-for-review/list-workspace-applications-for-review.handler';
import { RejectWorkspaceApplicationHandler } from './workspace-applications/reject-workspace-application/reject-workspace-application.handler';
import { SubmitWorkspaceApplicationHandler } from './workspace-applications/submit-workspace-application/submit-workspace-application.handler';
import { UploadApplicationLogoHandler } from './workspace-applications/upload-application-logo/upload-application-logo.handler';
import { GetWorkspaceHandler } from './workspaces/get-workspace/get-workspace.handler';
import { GetWorkspaceLogoHandler } from './workspaces/get-workspace-logo/get-workspace-logo.handler';
import { InviteMemberHandler } from './workspaces/invite-member/invite-member.handler';
import { ListWorkspaceInvitationsHandler } from './workspaces/list-workspace-invitations/list-workspace-invitations.handler';
import { ListWorkspaceMembersHandler } from './workspaces/list-workspace-members/list-workspace-members.handler';
import { AcceptInvitationHandler } from './workspaces/accept-invitation/accept-invitation.handler';
import { DeclineInvitationHandler } from './workspaces/decline-invitation/decline-invitation.handler';
import { InvitationAnswers } from './workspaces/invitation-answers';
import { WithdrawInvitationHandler } from './workspaces/withdraw-invitation/withdraw-invitation.handler';
import { RemoveMemberHandler } from './workspaces/remove-member/remove-member.handler';
import { GetMeHandler } from './me/get-me/get-me.handler';
import { EndSessionHandler } from './sessions/end-session/end-session.handler';
import { RefreshSessionHandler } from './sessions/refresh-session/refresh-session.handler';
import { StartSessionHandler } from './sessions/start-session/start-session.handler';
import { RequestVerificationCodeHandler } from './verification-codes/request-verification-code/request-verification-code.handler';

const commandHandlers = [
  SubmitWorkspaceApplicationHandler,
  UploadApplicationLogoHandler,
  ApproveWorkspaceApplicationHandler,
  RejectWorkspaceApplicationHandler,
  InviteMemberHandler,
  WithdrawInvitationHandler,
  AcceptInvitationHandler,
  DeclineInvitationHandler,
  RemoveMemberHandler,
  RequestVerificationCodeHandler,
  RegisterAccountHandler,
  ResetPasswordHandler,
  StartSessionHandler,
  RefreshSessionHandler,
  EndSessionHandler,
];
const queryHandlers = [
  GetMeHandler,
  GetMailboxHandler,
  GetWorkspaceApplicationHandler,
  ListMyWorkspaceApplicationsHandler,
  ListWorkspaceApplicationsForReviewHandler,
  GetWorkspaceHandler,
  GetWorkspaceLogoHandler,
  ListWorkspaceMembersHandler,
  ListWorkspaceInvitationsHandler,
];
const collaborators = [
  ApplicationReview,
  InvitationAnswers,
  { provide: IDENTITY_CONFIG, useFactory: () => IdentityConfig.fromEnv() },
  { provide: PASSWORD_HASHER, useFactory: (config: IdentityConfig) => new PasswordHasher(SCRYPT_COST, config.passwordHashesAtOnce), inject: [IDENTITY_CONFIG] },
  { provide: CODE_VAULT, useFactory: (sql: SqlClient) => new CodeVault(sql).init(), inject: [SQL_CLIENT] },
  { provide: ACCOUNT_CLAIMS, useFactory: (store: EventStore) => new AccountClaims(store), inject: [EVENT_STORE] },
  { provide: LOGO_STORE, useFactory: (sql: SqlClient) => new LogoStore(sql).init(), inject: [SQL_CLIENT] },
  {
    provide: MAIL_SETUP,
    useFactory: (sql: SqlClient, vault: CodeVault, logger: Logger, aggregates: AggregateStore) => createMailSetup(sql, vault, logger, aggregates),
    inject: [SQL_CLIENT, CODE_VAULT, LOGGER, AGGREGATE_STORE],
  },
];

@Module({ imports: [CqrsModule.forRoot()], providers: [...collaborators, ...commandHandlers, ...queryHandlers] })
export class IdentityModule {}
