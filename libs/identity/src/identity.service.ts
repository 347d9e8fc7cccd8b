import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GET_PLATFORM_NOTICE, PUBLISH_PLATFORM_NOTICE, PublishPlatformNoticePayload, WITHDRAW_PLATFORM_NOTICE } from '@mpp/contracts';
import { ServiceDefinition } from '@mpp/runtime';
import { IdentityModule } from './identity.module';
import { GetPlatformNotice } from './platform-notices/get-platform-notice/get-platform-notice.query';
import { PublishPlatformNotice } from './platform-notices/publish-platform-notice/publish-platform-notice.command';
import { WithdrawPlatformNotice } from './platform-notices/withdraw-platform-notice/withdraw-platform-notice.command';

/** Identity: accounts, workspaces, staff; for now the platform notices of the thin slice. */
export const identityService: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  projections: [],
  consumes: [],
  registerRequests(context, router) {
    const commands = context.get(CommandBus);
    const queries = context.get(QueryBus);
    router.register(PUBLISH_PLATFORM_NOTICE, (m) => commands.execute(new PublishPlatformNotice(m.payload as PublishPlatformNoticePayload, m.meta)));
    router.register(WITHDRAW_PLATFORM_NOTICE, (m) =>
      commands.execute(new WithdrawPlatformNotice((m.payload as { noticeId: string }).noticeId, m.meta)),
    );
    router.register(GET_PLATFORM_NOTICE, (m) => queries.execute(new GetPlatformNotice((m.payload as { noticeId: string }).noticeId)));
  },
};
