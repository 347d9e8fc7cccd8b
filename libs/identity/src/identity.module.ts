import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetPlatformNoticeHandler } from './platform-notices/get-platform-notice/get-platform-notice.handler';
import { PublishPlatformNoticeHandler } from './platform-notices/publish-platform-notice/publish-platform-notice.handler';
import { WithdrawPlatformNoticeHandler } from './platform-notices/withdraw-platform-notice/withdraw-platform-notice.handler';

const commandHandlers = [PublishPlatformNoticeHandler, WithdrawPlatformNoticeHandler];
const queryHandlers = [GetPlatformNoticeHandler];

@Module({ imports: [CqrsModule.forRoot()], providers: [...commandHandlers, ...queryHandlers] })
export class IdentityModule {}
