import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { applicationBeingApproved } from '../../identity.errors';
import { workspaceDecider, workspaceStreamId } from '../../workspaces/workspace.decider';
import { ApplicationReview, workspaceIdFor } from '../application-review';
import { RejectWorkspaceApplication } from './reject-workspace-application.command';

/** A rejection with the reason mailed to the applicant, who may then submit a new application. */
@CommandHandler(RejectWorkspaceApplication)
export class RejectWorkspaceApplicationHandler implements ICommandHandler<RejectWorkspaceApplication> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    private readonly review: ApplicationReview,
  ) {}

  async execute({ payload: { applicationId, reason }, meta }: RejectWorkspaceApplication) {
    const { state } = await this.review.load(applicationId, meta);
    // An approval under way has created the workspace already: it wins.
    const workspace = await this.aggregates.load(workspaceDecider, workspaceStreamId(workspaceIdFor(applicationId)));
    if (workspace.state.status !== 'NONE') throw applicationBeingApproved();
    await this.review.decide(applicationId, state.submitted.applicantAccountId, { type: 'RejectWorkspaceApplication', reason }, meta);
    return { status: 'REJECTED' as const };
  }
}
