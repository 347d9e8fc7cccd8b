import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ACCEPT_INVITATION,
  ApplicationStatus,
  APPROVE_WORKSPACE_APPLICATION,
  DECLINE_INVITATION,
  GET_WORKSPACE,
  GET_WORKSPACE_APPLICATION,
  GET_WORKSPACE_LOGO,
  INVITE_MEMBER,
  InvitePayload,
  LIST_MY_WORKSPACE_APPLICATIONS,
  LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW,
  LIST_WORKSPACE_INVITATIONS,
  LIST_WORKSPACE_MEMBERS,
  REJECT_WORKSPACE_APPLICATION,
  REMOVE_MEMBER,
  RequestMessage,
  SUBMIT_WORKSPACE_APPLICATION,
  SubmitWorkspaceApplicationPayload,
  UPLOAD_APPLICATION_LOGO,
  UploadApplicationLogoPayload,
  WITHDRAW_INVITATION,
  END_SESSION,
  GET_MAILBOX,
  GET_ME,
  GET_PLATFORM_NOTICE,
  IDENTITY_PUBLIC_EVENTS,
  PUBLISH_PLATFORM_NOTICE,
  PublishPlatformNoticePayload,
  REFRESH_SESSION,
  RefreshSessionPayload,
  REGISTER_ACCOUNT,
  RegisterAccountPayload,
  REQUEST_VERIFICATION_CODE,
  RequestVerificationCodePayload,
  RESET_PASSWORD,
  ResetPasswordPayload,
  START_SESSION,
  StartSessionPayload,
  WITHDRAW_PLATFORM_NOTICE,
} from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, LOGGER, ServiceDefinition } from '@mpp/runtime';
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
import { GetPlatformNotice } from './platform-notices/get-platform-notice/get-platform-notice.query';
import { PublishPlatformNotice } from './platform-notices/publish-platform-notice/publish-platform-notice.command';
import { WithdrawPlatformNotice } from './platform-notices/withdraw-platform-notice/withdraw-platform-notice.command';
import { EndSession } from './sessions/end-session/end-session.command';
import { RefreshSession } from './sessions/refresh-session/refresh-session.command';
import { StartSession } from './sessions/start-session/start-session.command';
import { addStaffMember } from './staff/add-staff-member';
import { DecideWorkspaceApplication } from './workspace-applications/decide-workspace-application/decide-workspace-application.command';
import { GetWorkspaceApplication } from './workspace-applications/get-workspace-application/get-workspace-application.query';
import { ListWorkspaceApplications } from './workspace-applications/list-workspace-applications/list-workspace-applications.query';
import { SubmitWorkspaceApplication } from './workspace-applications/submit-workspace-application/submit-workspace-application.command';
import { UploadApplicationLogo } from './workspace-applications/upload-application-logo/upload-application-logo.command';
import { workspaceApplicationsProjection } from './workspace-applications/workspace-applications.projection';
import { GetWorkspace } from './workspaces/get-workspace/get-workspace.query';
import { GetWorkspaceLogo } from './workspaces/get-workspace-logo/get-workspace-logo.query';
import { InviteMember } from './workspaces/invite-member/invite-member.command';
import { ListWorkspaceInvitations } from './workspaces/list-workspace-invitations/list-workspace-invitations.query';
import { ListWorkspaceMembers } from './workspaces/list-workspace-members/list-workspace-members.query';
import { ManageInvitation } from './workspaces/manage-invitation/manage-invitation.command';
import { RemoveMember } from './workspaces/remove-member/remove-member.command';
import { workspaceDirectoryProjection } from './workspaces/workspace-directory.projection';
import { RequestVerificationCode } from './verification-codes/request-verification-code/request-verification-code.command';

/** Identity: accounts, verification codes, sessions, platform staff (workspaces come next), and the platform notices. */
export const identityService: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  projections: [workspaceApplicationsProjection, workspaceDirectoryProjection],
  consumes: [],
  publishes: IDENTITY_PUBLIC_EVENTS,
  workers(context) {
    const mail = context.get<MailSetup>(MAIL_SETUP);
    return [mailer(mail.transport, (event, tx) => mail.compose(event, tx), (event, tx) => mail.sent(event, tx))];
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

  registerRequests(context, router) {
    const commands = context.get(CommandBus);
    const queries = context.get(QueryBus);
    // Passwords, codes and tokens must not be kept in the Idempotency-Key log (it stores bodies' hashes and answers).
    const secret = { replayable: false };
    router.register(REQUEST_VERIFICATION_CODE, (m) => commands.execute(new RequestVerificationCode(m.payload as RequestVerificationCodePayload, m.meta)), secret);
    router.register(REGISTER_ACCOUNT, (m) => commands.execute(new RegisterAccount(m.payload as RegisterAccountPayload, m.meta)), secret);
    router.register(START_SESSION, (m) => commands.execute(new StartSession(m.payload as StartSessionPayload, m.meta)), secret);
    router.register(REFRESH_SESSION, (m) => commands.execute(new RefreshSession(m.payload as RefreshSessionPayload, m.meta)), secret);
    router.register(END_SESSION, (m) => commands.execute(new EndSession(m.meta)));
    router.register(RESET_PASSWORD, (m) => commands.execute(new ResetPassword(m.payload as ResetPasswordPayload, m.meta)), secret);
    router.register(GET_ME, (m) => queries.execute(new GetMe(m.meta)));
    router.register(GET_MAILBOX, (m) => queries.execute(new GetMailbox((m.payload as { to: string }).to)));
    type Id = { applicationId: string; workspaceId: string; invitationId: string; accountId: string; reason?: string };
    type Listing = { limit: number; cursor?: string; status?: ApplicationStatus; workspaceId: string };
    const id = (m: RequestMessage) => m.payload as Id;
    const list = (m: RequestMessage) => m.payload as Listing;
    router.register(SUBMIT_WORKSPACE_APPLICATION, (m) => commands.execute(new SubmitWorkspaceApplication(m.payload as SubmitWorkspaceApplicationPayload, m.meta)));
    router.register(UPLOAD_APPLICATION_LOGO, (m) => commands.execute(new UploadApplicationLogo(m.payload as UploadApplicationLogoPayload, m.meta)));
    router.register(GET_WORKSPACE_APPLICATION, (m) => queries.execute(new GetWorkspaceApplication(id(m).applicationId, m.meta)));
    router.register(LIST_MY_WORKSPACE_APPLICATIONS, (m) => queries.execute(new ListWorkspaceApplications('MINE', list(m).limit, list(m).cursor, undefined, m.meta)));
    router.register(LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW, (m) =>
      queries.execute(new ListWorkspaceApplications('REVIEW', list(m).limit, list(m).cursor, list(m).status, m.meta)),
    );
    router.register(APPROVE_WORKSPACE_APPLICATION, (m) => commands.execute(new DecideWorkspaceApplication(id(m).applicationId, 'APPROVE', undefined, m.meta)));
    router.register(REJECT_WORKSPACE_APPLICATION, (m) => commands.execute(new DecideWorkspaceApplication(id(m).applicationId, 'REJECT', id(m).reason, m.meta)));
    router.register(GET_WORKSPACE, (m) => queries.execute(new GetWorkspace(id(m).workspaceId, m.meta)));
    router.register(GET_WORKSPACE_LOGO, (m) => queries.execute(new GetWorkspaceLogo(id(m).workspaceId)));
    router.register(LIST_WORKSPACE_MEMBERS, (m) => queries.execute(new ListWorkspaceMembers(list(m).workspaceId, list(m).limit, list(m).cursor, m.meta)));
    router.register(INVITE_MEMBER, (m) => commands.execute(new InviteMember(m.payload as InvitePayload, m.meta)));
    router.register(LIST_WORKSPACE_INVITATIONS, (m) => queries.execute(new ListWorkspaceInvitations(list(m).workspaceId, list(m).limit, list(m).cursor, m.meta)));
    router.register(WITHDRAW_INVITATION, (m) => commands.execute(new ManageInvitation(id(m).invitationId, 'WITHDRAW', m.meta, id(m).workspaceId)));
    router.register(ACCEPT_INVITATION, (m) => commands.execute(new ManageInvitation(id(m).invitationId, 'ACCEPT', m.meta)));
    router.register(DECLINE_INVITATION, (m) => commands.execute(new ManageInvitation(id(m).invitationId, 'DECLINE', m.meta)));
    router.register(REMOVE_MEMBER, (m) => commands.execute(new RemoveMember(id(m).workspaceId, id(m).accountId, m.meta)));
    router.register(PUBLISH_PLATFORM_NOTICE, (m) => commands.execute(new PublishPlatformNotice(m.payload as PublishPlatformNoticePayload, m.meta)));
    router.register(WITHDRAW_PLATFORM_NOTICE, (m) =>
      commands.execute(new WithdrawPlatformNotice((m.payload as { noticeId: string }).noticeId, m.meta)),
    );
    router.register(GET_PLATFORM_NOTICE, (m) => queries.execute(new GetPlatformNotice((m.payload as { noticeId: string }).noticeId)));
  },
};
