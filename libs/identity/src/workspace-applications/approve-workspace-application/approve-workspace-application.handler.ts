import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, requireExpectedVersion } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { applicationAlreadyDecided } from '../../identity.errors';
import { workspaceDecider, workspaceStreamId } from '../../workspaces/workspace.decider';
import { ApplicationReview, workspaceIdFor } from '../application-review';
import { ApproveWorkspaceApplication } from './approve-workspace-application.command';

/** The workspace first, the approval second: a crash between them leaves an approval still to make, never a lost workspace. */
@CommandHandler(ApproveWorkspaceApplication)
export class ApproveWorkspaceApplicationHandler implements ICommandHandler<ApproveWorkspaceApplication> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    private readonly review: ApplicationReview,
  ) {}

  async execute({ payload: { applicationId }, meta }: ApproveWorkspaceApplication) {
    const { state, version } = await this.review.load(applicationId, meta);
    if (state.status !== 'UNDER_REVIEW') throw applicationAlreadyDecided(`the application is ${state.status} already`);
    // If-Match checked before the workspace is created, which comes before the application's approval.
    requireExpectedVersion(meta.expectedVersion, version);
    const workspaceId = workspaceIdFor(applicationId);
    const { submitted, logo } = state;
    const { applicationId: _a, applicantAccountId, applicantEmail: _e, termsVersion: _t, submittedAt: _s, type, companyName, ...profile } = submitted;
    const workspace = await this.aggregates.load(workspaceDecider, workspaceStreamId(workspaceId));
    if (workspace.state.status === 'NONE') {
      await this.aggregates.handle(
        workspaceDecider,
        workspaceStreamId(workspaceId),
        { type: 'CreateWorkspace', workspaceId, workspaceType: type, name: companyName, ownerAccountId: applicantAccountId, applicationId, profile: { ...profile, ...(logo ? { logo } : {}) } },
        { metadata: meta, mustBeNew: true },
      );
    }
    await this.review.decide(applicationId, applicantAccountId, { type: 'ApproveWorkspaceApplication', workspaceId }, meta);
    return { status: 'APPROVED' as const, workspaceId };
  }
}
