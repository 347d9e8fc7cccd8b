import { RequestMeta } from '@mpp/contracts';

/** A reviewer's decision: approve (reason unused) or reject with a reason. */
export class DecideWorkspaceApplication {
  constructor(
    readonly applicationId: string,
    readonly decision: 'APPROVE' | 'REJECT',
    readonly reason: string | undefined,
    readonly meta: RequestMeta,
  ) {}
}
