import { RequestMeta } from '@mpp/contracts';

export class WithdrawPlatformNotice {
  constructor(
    readonly noticeId: string,
    readonly meta: RequestMeta,
  ) {}
}
