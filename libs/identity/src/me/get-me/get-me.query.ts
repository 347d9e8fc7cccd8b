import { RequestMeta } from '@mpp/contracts';

export class GetMe {
  constructor(readonly meta: RequestMeta) {}
}
