import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { signedIn } from '@mpp/messaging';
import { applicationStreamId, workspaceApplicationDecider } from '../workspace-application.decider';
import { GetWorkspaceApplication } from './get-workspace-application.query';
import { applicationNotFound } from '../../identity.errors';

/** The applicant and reviewers see an application; to anyone else it does not exist. */
@QueryHandler(GetWorkspaceApplication)
export class GetWorkspaceApplicationHandler implements IQueryHandler<GetWorkspaceApplication> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ payload, meta }: GetWorkspaceApplication) {
    const actor = signedIn(meta);
    const { state, version } = await this.aggregates.load(workspaceApplicationDecider, applicationStreamId(payload.applicationId));
    if (state.status === 'NONE') throw applicationNotFound();
    if (state.submitted.applicantAccountId !== actor.accountId && !actor.platformRoles.includes('REVIEWER')) throw applicationNotFound();
    const { applicantEmail: _e, termsVersion: _t, ...submitted } = state.submitted;
    return {
      ...submitted,
      status: state.status,
      hasLogo: state.logo !== undefined,
      ...(state.reason ? { reason: state.reason } : {}),
      ...(state.workspaceId ? { workspaceId: state.workspaceId } : {}),
      ...(state.decidedAt ? { decidedAt: state.decidedAt, decidedBy: state.decidedBy } : {}),
      version,
    };
  }
}
