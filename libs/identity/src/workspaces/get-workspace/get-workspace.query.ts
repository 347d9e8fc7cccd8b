import { RequestMeta } from '@mpp/contracts';

export class GetWorkspace {
  constructor(
    readonly workspaceId: string,
    readonly meta: RequestMeta,
  ) {}
}
