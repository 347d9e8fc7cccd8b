import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RequestMeta } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE } from '@mpp/application';
import { accountDecider, accountStreamId } from '../accounts/account.decider';
import { applicationNotFound, forbiddenRole } from '../identity.errors';
import { applicationStreamId, WorkspaceApplicationCommand, workspaceApplicationDecider } from './workspace-application.decider';

/** The workspace id an approval creates, derived from the application: a retried approval finds the same workspace. */
export function workspaceIdFor(applicationId: string): string {
  const hex = createHash('sha256').update(`workspace:${applicationId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Decision = Extract<WorkspaceApplicationCommand, { type: 'ApproveWorkspaceApplication' | 'RejectWorkspaceApplication' }>;

/** What approving and rejecting share: only reviewers decide, and a decision frees the applicant to apply again. */
@Injectable()
export class ApplicationReview {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  /** The application a reviewer is deciding: 403 for anyone else, 404 when there is none. */
  async load(applicationId: string, meta: RequestMeta) {
    if (!signedIn(meta).platformRoles.includes('REVIEWER')) throw forbiddenRole('decide applications');
    const { state, version } = await this.aggregates.load(workspaceApplicationDecider, applicationStreamId(applicationId));
    if (state.status === 'NONE') throw applicationNotFound();
    return { state, version };
  }

  /** Records the decision on the application, then closes it on the applicant's account. */
  async decide(applicationId: string, applicantAccountId: string, decision: Decision, meta: RequestMeta): Promise<void> {
    await this.aggregates.handle(workspaceApplicationDecider, applicationStreamId(applicationId), decision, { metadata: meta });
    await this.aggregates.handle(accountDecider, accountStreamId(applicantAccountId), { type: 'CloseApplication', applicationId }, { metadata: meta });
  }
}
