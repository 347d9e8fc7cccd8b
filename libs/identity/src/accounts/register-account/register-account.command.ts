import { RegisterAccountPayload, RequestMeta } from '@mpp/contracts';

export class RegisterAccount {
  constructor(
    readonly payload: RegisterAccountPayload,
    readonly meta: RequestMeta,
  ) {}
}
