import { InvitePayload, RequestMeta } from '@mpp/contracts';

export class InviteMember {
  constructor(
    readonly payload: InvitePayload,
    readonly meta: RequestMeta,
  ) {}
}
