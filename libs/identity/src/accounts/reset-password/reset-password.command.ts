import { RequestMeta, ResetPasswordPayload } from '@mpp/contracts';

export class ResetPassword {
  constructor(
    readonly payload: ResetPasswordPayload,
    readonly meta: RequestMeta,
  ) {}
}
