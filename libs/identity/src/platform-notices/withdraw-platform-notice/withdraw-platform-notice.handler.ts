import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PlatformNoticeView } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { noticeStreamId, platformNoticeDecider } from '../platform-notice.decider';
import { toNoticeView } from '../notice-view';
import { WithdrawPlatformNotice } from './withdraw-platform-notice.command';

@CommandHandler(WithdrawPlatformNotice)
export class WithdrawPlatformNoticeHandler implements ICommandHandler<WithdrawPlatformNotice, PlatformNoticeView> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ noticeId, meta }: WithdrawPlatformNotice): Promise<PlatformNoticeView> {
    const result = await this.aggregates.handle(
      platformNoticeDecider,
      noticeStreamId(noticeId),
      { type: 'WithdrawPlatformNotice', noticeId },
      { metadata: meta },
    );
    if (result.state.status === 'NONE') throw new Error('a withdrawn notice has a state');
    return toNoticeView(result.state, result.version);
  }
}
