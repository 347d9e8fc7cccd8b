import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkspaceApplicationView } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/runtime';
import { signedIn } from '@mpp/messaging';
import { applicationNotFound, applicationStreamId, workspaceApplicationDecider } from '../workspace-application.decider';
import { GetWorkspaceApplication } from './get-workspace-application.query';

/** The applicant and reviewers see an application; to anyone else it does not exist. */
@QueryHandler(GetWorkspaceApplication)
export class GetWorkspaceApplicationHandler implements IQueryHandler<GetWorkspaceApplication, WorkspaceApplicationView> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ applicationId, meta }: GetWorkspaceApplication): Promise<WorkspaceApplicationView> {
    const actor = signedIn(meta);
    const { state, version } = await this.aggregates.load(workspaceApplicationDecider, applicationStreamId(applicationId));
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
