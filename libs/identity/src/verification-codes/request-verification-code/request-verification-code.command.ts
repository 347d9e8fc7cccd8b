import { RequestMeta, RequestVerificationCodePayload } from '@mpp/contracts';

export class RequestVerificationCode {
  constructor(
    readonly payload: RequestVerificationCodePayload,
    readonly meta: RequestMeta,
  ) {}
}
