import { CreateServicePayload, RequestMeta } from '@mpp/contracts';

export class CreateService {
  constructor(
    readonly payload: CreateServicePayload,
    readonly meta: RequestMeta,
  ) {}
}
