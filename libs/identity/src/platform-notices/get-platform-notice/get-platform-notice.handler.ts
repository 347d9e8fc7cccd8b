import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PlatformNoticeView } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE } from '@mpp/application';
import { noticeStreamId, platformNoticeDecider } from '../platform-notice.decider';
import { toNoticeView } from '../notice-view';
import { GetPlatformNotice } from './get-platform-notice.query';

/** Reads a notice straight from its stream: the write side's own, always current view. */
@QueryHandler(GetPlatformNotice)
export class GetPlatformNoticeHandler implements IQueryHandler<GetPlatformNotice, PlatformNoticeView> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ noticeId }: GetPlatformNotice): Promise<PlatformNoticeView> {
    const { state, version } = await this.aggregates.load(platformNoticeDecider, noticeStreamId(noticeId));
    if (state.status === 'NONE') throw AppError.notFound('NOTICE_NOT_FOUND', 'no such notice');
    return toNoticeView(state, version);
  }
}
