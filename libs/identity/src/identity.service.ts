import { IDENTITY_PUBLIC_EVENTS } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, LOGGER, ServiceDefinition } from '@mpp/application';
import { Logger } from '@mpp/platform';
import { AccountClaims } from './accounts/account-claims';
import { RegisterAccount } from './accounts/register-account/register-account.command';
import { ResetPassword } from './accounts/reset-password/reset-password.command';
import { PasswordHasher } from './credentials/password-hasher';
import { IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';
import { ACCOUNT_CLAIMS, IDENTITY_CONFIG, MAIL_SETUP, PASSWORD_HASHER } from './identity.tokens';
import { GetMailbox } from './email/get-mailbox/get-mailbox.query';
import { MailSetup } from './email/mail-setup';
import { mailer } from './email/mailer';
import { GetMe } from './me/get-me/get-me.query';
import { EndSession } from './sessions/end-session/end-session.command';
import { RefreshSession } from './sessions/refresh-session/refresh-session.command';
import { StartSession } from './sessions/start-session/start-session.command';
import { addStaffMember } from './staff/add-staff-member';
import { ApproveWorkspaceApplication } from './workspace-applications/approve-workspace-application/approve-workspace-application.command';
import { GetWorkspaceApplication } from './workspace-applications/get-workspace-application/get-workspace-application.query';
import { ListMyWorkspaceApplications } from './workspace-applications/list-my-workspace-applications/list-my-workspace-applications.query';
import { ListWorkspaceApplicationsForReview } from './workspace-applications/list-workspace-applications-for-review/list-workspace-applications-for-review.query';
import { RejectWorkspaceApplication } from './workspace-applications/reject-workspace-application/reject-workspace-application.command';
import { SubmitWorkspaceApplication } from './workspace-applications/submit-workspace-application/submit-workspace-application.command';
import { UploadApplicationLogo } from './workspace-applications/upload-application-logo/upload-application-logo.command';
import { workspaceApplicationsProjection } from './workspace-applications/workspace-applications.projection';
import { GetWorkspace } from './workspaces/get-workspace/get-workspace.query';
import { GetWorkspaceLogo } from './workspaces/get-workspace-logo/get-workspace-logo.query';
import { InviteMember } from './workspaces/invite-member/invite-member.command';
import { ListWorkspaceInvitations } from './workspaces/list-workspace-invitations/list-workspace-invitations.query';
import { ListWorkspaceMembers } from './workspaces/list-workspace-members/list-workspace-members.query';
import { AcceptInvitation } from './workspaces/accept-invitation/accept-invitation.command';
import { DeclineInvitation } from './workspaces/decline-invitation/decline-invitation.command';
import { WithdrawInvitation } from './workspaces/withdraw-invitation/withdraw-invitation.command';
import { RemoveMember } from './workspaces/remove-member/remove-member.command';
import { workspaceDirectoryProjection } from './workspaces/workspace-directory.projection';
import { RequestVerificationCode } from './verification-codes/request-verification-code/request-verification-code.command';

/** Identity: accounts, verification codes, sessions, platform staff, workspace applications and their review, workspaces. */
export const identityService: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  projections: [workspaceApplicationsProjection, workspaceDirectoryProjection],
  consumes: ['integrations'],
  publishes: IDENTITY_PUBLIC_EVENTS,
  workers(context) {
    const mail = context.get<MailSetup>(MAIL_SETUP);
    return [
      mailer(mail.transport, (event, tx) => mail.compose(event, tx), (event, tx) => mail.sent(event, tx)),
      // Mail about other services' events (a disabled webhook) to a workspace's Owner, whose address identity keeps.
      mailer(mail.transport, (event, tx) => mail.composeReceived(event, tx), undefined, { name: 'inbox-mailer', source: 'inbox', sentTable: 'sent_received_emails' }),
    ];
  },

  async onStart(context) {
    const config = context.get<IdentityConfig>(IDENTITY_CONFIG);
    if (!config.bootstrapReviewer) return;
    const { accountId, created } = await addStaffMember(
      context.get<AggregateStore>(AGGREGATE_STORE),
      context.get<AccountClaims>(ACCOUNT_CLAIMS),
      context.get<PasswordHasher>(PASSWORD_HASHER),
      { ...config.bootstrapReviewer, role: 'REVIEWER' },
      config.termsVersion,
    );
    context.get<Logger>(LOGGER).info({ accountId, created }, 'bootstrap reviewer from PLATFORM_BOOTSTRAP_REVIEWER is in place');
  },

  requests: [
    RequestVerificationCode,
    RegisterAccount,
    StartSession,
    RefreshSession,
    EndSession,
    ResetPassword,
    GetMe,
    GetMailbox,
    SubmitWorkspaceApplication,
    UploadApplicationLogo,
    GetWorkspaceApplication,
    ListMyWorkspaceApplications,
    ListWorkspaceApplicationsForReview,
    ApproveWorkspaceApplication,
    RejectWorkspaceApplication,
    GetWorkspace,
    GetWorkspaceLogo,
    ListWorkspaceMembers,
    RemoveMember,
    InviteMember,
    ListWorkspaceInvitations,
    WithdrawInvitation,
    AcceptInvitation,
    DeclineInvitation,
  ],
};
