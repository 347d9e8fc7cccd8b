import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AppError } from '@mpp/platform';
import { knownWorkspaceName } from '@mpp/workspace-replica';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { FORBIDDEN_ROLE, workspaceNotFound } from '../../miniprograms.errors';
import { reviewQuotaLimitDecider, reviewQuotaLimitStreamId } from '../review-quota.decider';
import { ReviewQuotas } from '../review-quotas';
import { SetReviewQuota } from './set-review-quota.command';

/** Platform operators only (403 to anyone else, before anything about the workspace is told); answers the quota after. */
@CommandHandler(SetReviewQuota)
export class SetReviewQuotaHandler implements ICommandHandler<SetReviewQuota> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly quotas: ReviewQuotas,
  ) {}

  async execute({ payload, meta }: SetReviewQuota) {
    if (!signedIn(meta).platformRoles.includes('OPERATOR')) throw AppError.forbidden(FORBIDDEN_ROLE, 'only platform operators set review quotas');
    if ((await knownWorkspaceName(this.sql, payload.workspaceId)) === undefined) throw workspaceNotFound();
    const command = { type: 'SetReviewQuotaLimit' as const, workspaceId: payload.workspaceId, limit: payload.limit };
    await this.aggregates.handle(reviewQuotaLimitDecider, reviewQuotaLimitStreamId(payload.workspaceId), command, { metadata: meta });
    return this.quotas.view(payload.workspaceId);
  }
}
