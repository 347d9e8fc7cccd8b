import { RequestMeta, SubmitWorkspaceApplicationPayload } from '@mpp/contracts';

export class SubmitWorkspaceApplication {
  constructor(
    readonly payload: SubmitWorkspaceApplicationPayload,
    readonly meta: RequestMeta,
  ) {}
}
