import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PlatformNoticeView } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { randomUUID } from 'node:crypto';
import { noticeStreamId, platformNoticeDecider } from '../platform-notice.decider';
import { toNoticeView } from '../notice-view';
import { PublishPlatformNotice } from './publish-platform-notice.command';

@CommandHandler(PublishPlatformNotice)
export class PublishPlatformNoticeHandler implements ICommandHandler<PublishPlatformNotice, PlatformNoticeView> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ payload, meta }: PublishPlatformNotice): Promise<PlatformNoticeView> {
    const noticeId = randomUUID();
    const result = await this.aggregates.handle(
      platformNoticeDecider,
      noticeStreamId(noticeId),
      { type: 'PublishPlatformNotice', noticeId, title: payload.title, body: payload.body },
      { metadata: meta, mustBeNew: true },
    );
    if (result.state.status === 'NONE') throw new Error('a published notice has a state');
    return toNoticeView(result.state, result.version);
  }
}
