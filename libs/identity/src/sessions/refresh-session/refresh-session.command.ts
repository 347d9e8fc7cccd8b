import { RefreshSessionPayload, RequestMeta } from '@mpp/contracts';

export class RefreshSession {
  constructor(
    readonly payload: RefreshSessionPayload,
    readonly meta: RequestMeta,
  ) {}
}
