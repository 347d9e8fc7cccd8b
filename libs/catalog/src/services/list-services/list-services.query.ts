import { RequestMeta, ServiceStatus } from '@mpp/contracts';

/** The ISV's services in every state, or the reviewers' queue (services and revisions pending review). */
export class ListServices {
  constructor(
    readonly scope: { workspaceId: string } | 'REVIEW',
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly status: ServiceStatus | undefined,
    readonly meta: RequestMeta,
  ) {}
}
