import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { WORKSPACE_TYPES } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE } from '@mpp/application';
import { accountDecider, accountStreamId } from '../../accounts/account.decider';
import { IdentityConfig } from '../../identity.config';
import { IDENTITY_CONFIG } from '../../identity.tokens';
import { signedIn } from '@mpp/messaging';
import { applicationStreamId, workspaceApplicationDecider } from '../workspace-application.decider';
import { SubmitWorkspaceApplication } from './submit-workspace-application.command';
import { accountNotFound } from '../../identity.errors';

@CommandHandler(SubmitWorkspaceApplication)
export class SubmitWorkspaceApplicationHandler implements ICommandHandler<SubmitWorkspaceApplication> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ payload, meta }: SubmitWorkspaceApplication) {
    const actor = signedIn(meta);
    if (payload.acceptTerms !== true || payload.acceptPrivacyPolicy !== true) {
      throw AppError.badInput('the Terms of Service and the Privacy Policy must be accepted', [{ field: payload.acceptTerms !== true ? 'acceptTerms' : 'acceptPrivacyPolicy', message: 'must be true' }]);
    }
    if (!WORKSPACE_TYPES.includes(payload.type)) throw AppError.badInput('type must be ISV or MERCHANT', [{ field: 'type', message: 'must be ISV or MERCHANT' }]);
    const applicationId = randomUUID();
    await this.closeIfStale(actor.accountId, meta);
    // The account guards "one application under review": opened there first, refused there when one is pending.
    const account = await this.aggregates.handle(accountDecider, accountStreamId(actor.accountId), { type: 'OpenApplication', applicationId }, { metadata: meta });
    if (account.state.status !== 'ACTIVE') throw accountNotFound('this account does not exist');
    const { acceptTerms: _t, acceptPrivacyPolicy: _p, ...details } = payload;
    await this.aggregates.handle(
      workspaceApplicationDecider,
      applicationStreamId(applicationId),
      { type: 'SubmitWorkspaceApplication', applicationId, applicantAccountId: actor.accountId, applicantEmail: account.state.email, details, termsVersion: this.config.termsVersion },
      { metadata: meta, mustBeNew: true },
    );
    return { applicationId, status: 'UNDER_REVIEW' as const };
  }

  /** An application the account still marks as under review, but which was decided or never written (a crash between steps). */
  private async closeIfStale(accountId: string, meta: SubmitWorkspaceApplication['meta']): Promise<void> {
    const { state } = await this.aggregates.load(accountDecider, accountStreamId(accountId));
    const pending = state.status === 'ACTIVE' ? state.applicationUnderReview : undefined;
    if (!pending) return;
    const application = await this.aggregates.load(workspaceApplicationDecider, applicationStreamId(pending));
    if (application.state.status === 'UNDER_REVIEW') return;
    await this.aggregates.handle(accountDecider, accountStreamId(accountId), { type: 'CloseApplication', applicationId: pending }, { metadata: meta });
  }
}
