import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
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
import { RequestVerificationCode } from './verification-codes/request-verification-code/request-verification-code.command';

/** Identity: accounts, verification codes, sessions, platform staff (workspaces come next), and the platform notices. */
export const identityService: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  projections: [],
  consumes: [],
  publishes: IDENTITY_PUBLIC_EVENTS,
  workers(context) {
    const mail = context.get<MailSetup>(MAIL_SETUP);
    return [mailer(mail.transport, (event) => mail.compose(event))];
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
    router.register(REQUEST_VERIFICATION_CODE, (m) => commands.execute(new RequestVerificationCode(m.payload as RequestVerificationCodePayload, m.meta)));
    router.register(REGISTER_ACCOUNT, (m) => commands.execute(new RegisterAccount(m.payload as RegisterAccountPayload, m.meta)));
    router.register(START_SESSION, (m) => commands.execute(new StartSession(m.payload as StartSessionPayload, m.meta)));
    router.register(REFRESH_SESSION, (m) => commands.execute(new RefreshSession(m.payload as RefreshSessionPayload, m.meta)));
    router.register(END_SESSION, (m) => commands.execute(new EndSession(m.meta)));
    router.register(RESET_PASSWORD, (m) => commands.execute(new ResetPassword(m.payload as ResetPasswordPayload, m.meta)));
    router.register(GET_ME, (m) => queries.execute(new GetMe(m.meta)));
    router.register(GET_MAILBOX, (m) => queries.execute(new GetMailbox((m.payload as { to: string }).to)));
    router.register(PUBLISH_PLATFORM_NOTICE, (m) => commands.execute(new PublishPlatformNotice(m.payload as PublishPlatformNoticePayload, m.meta)));
    router.register(WITHDRAW_PLATFORM_NOTICE, (m) =>
      commands.execute(new WithdrawPlatformNotice((m.payload as { noticeId: string }).noticeId, m.meta)),
    );
    router.register(GET_PLATFORM_NOTICE, (m) => queries.execute(new GetPlatformNotice((m.payload as { noticeId: string }).noticeId)));
  },
};
