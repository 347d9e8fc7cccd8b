import { RequestMeta } from '@mpp/contracts';

/** The invitee accepts or declines; a manager withdraws (then the workspace id comes with it). */
export class ManageInvitation {
  constructor(
    readonly invitationId: string,
    readonly action: 'ACCEPT' | 'DECLINE' | 'WITHDRAW',
    readonly meta: RequestMeta,
    readonly workspaceId?: string,
  ) {}
}
