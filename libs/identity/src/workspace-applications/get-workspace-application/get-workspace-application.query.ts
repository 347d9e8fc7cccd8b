import { RequestMeta } from '@mpp/contracts';

export class GetWorkspaceApplication {
  constructor(
    readonly applicationId: string,
    readonly meta: RequestMeta,
  ) {}
}
