import { RequestMeta } from '@mpp/contracts';

export class ListWorkspaceMembers {
  constructor(
    readonly workspaceId: string,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly meta: RequestMeta,
  ) {}
}
