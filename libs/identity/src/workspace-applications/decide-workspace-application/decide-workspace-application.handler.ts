import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { AggregateStore, requireExpectedVersion } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE } from '@mpp/runtime';
import { accountDecider, accountStreamId } from '../../accounts/account.decider';
import { signedIn } from '@mpp/messaging';
import { workspaceDecider, workspaceStreamId } from '../../workspaces/workspace.decider';
import { applicationNotFound, applicationStreamId, workspaceApplicationDecider } from '../workspace-application.decider';
import { DecideWorkspaceApplication } from './decide-workspace-application.command';

/** The workspace id an approval creates, derived from the application: a retried approval finds the same workspace. */
export function workspaceIdFor(applicationId: string): string {
  const hex = createHash('sha256').update(`workspace:${applicationId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

@CommandHandler(DecideWorkspaceApplication)
export class DecideWorkspaceApplicationHandler implements ICommandHandler<DecideWorkspaceApplication, { status: 'APPROVED' | 'REJECTED'; workspaceId?: string }> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ applicationId, decision, reason, meta }: DecideWorkspaceApplication) {
    const actor = signedIn(meta);
    if (!actor.platformRoles.includes('REVIEWER')) throw AppError.forbidden('FORBIDDEN_ROLE', 'only reviewers decide applications');
    const streamId = applicationStreamId(applicationId);
    const { state, version } = await this.aggregates.load(workspaceApplicationDecider, streamId);
    if (state.status === 'NONE') throw applicationNotFound();
    if (decision === 'REJECT') {
      // An approval under way has created the workspace already: it wins.
      const workspace = await this.aggregates.load(workspaceDecider, workspaceStreamId(workspaceIdFor(applicationId)));
      if (workspace.state.status !== 'NONE') throw AppError.conflict('APPLICATION_BEING_APPROVED', 'another reviewer is approving this application');
      await this.aggregates.handle(workspaceApplicationDecider, streamId, { type: 'RejectApplication', reason: reason ?? '' }, { metadata: meta });
      await this.close(state.submitted.applicantAccountId, applicationId, meta);
      return { status: 'REJECTED' as const };
    }
    if (state.status !== 'UNDER_REVIEW') throw AppError.rule('APPLICATION_ALREADY_DECIDED', `the application is ${state.status} already`);
    // If-Match checked before the workspace is created, which comes before the application's approval.
    requireExpectedVersion(meta.expectedVersion, version);
    const workspaceId = workspaceIdFor(applicationId);
    // The workspace first, the approval second: a crash between them leaves an approval still to make, never a lost workspace.
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
    await this.aggregates.handle(workspaceApplicationDecider, streamId, { type: 'ApproveApplication', workspaceId }, { metadata: meta });
    await this.close(applicantAccountId, applicationId, meta);
    return { status: 'APPROVED' as const, workspaceId };
  }

  private async close(accountId: string, applicationId: string, meta: DecideWorkspaceApplication['meta']): Promise<void> {
    await this.aggregates.handle(accountDecider, accountStreamId(accountId), { type: 'CloseApplication', applicationId }, { metadata: meta });
  }
}
