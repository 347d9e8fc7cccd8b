import { RequestMeta } from '@mpp/contracts';

export class RemoveMember {
  constructor(
    readonly workspaceId: string,
    readonly accountId: string,
    readonly meta: RequestMeta,
  ) {}
}
