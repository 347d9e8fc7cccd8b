import { RequestMeta } from '@mpp/contracts';

export class EndSession {
  constructor(readonly meta: RequestMeta) {}
}
