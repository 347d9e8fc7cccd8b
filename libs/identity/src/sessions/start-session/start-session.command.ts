import { RequestMeta, StartSessionPayload } from '@mpp/contracts';

export class StartSession {
  constructor(
    readonly payload: StartSessionPayload,
    readonly meta: RequestMeta,
  ) {}
}
