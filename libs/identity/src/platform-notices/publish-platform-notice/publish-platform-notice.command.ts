import { PublishPlatformNoticePayload, RequestMeta } from '@mpp/contracts';

export class PublishPlatformNotice {
  constructor(
    readonly payload: PublishPlatformNoticePayload,
    readonly meta: RequestMeta,
  ) {}
}
