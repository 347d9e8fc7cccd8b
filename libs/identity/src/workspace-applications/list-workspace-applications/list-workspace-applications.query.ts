import { ApplicationStatus, RequestMeta } from '@mpp/contracts';

/** Mine (every application of the caller, newest first) or the review queue (by status, oldest first). */
export class ListWorkspaceApplications {
  constructor(
    readonly scope: 'MINE' | 'REVIEW',
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly status: ApplicationStatus | undefined,
    readonly meta: RequestMeta,
  ) {}
}
