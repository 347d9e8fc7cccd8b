import { RequestMeta } from '@mpp/contracts';

export class ListWorkspaceInvitations {
  constructor(
    readonly workspaceId: string,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly meta: RequestMeta,
  ) {}
}
