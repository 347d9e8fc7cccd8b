import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { knownWorkspaceName, membershipOf } from '@mpp/workspace-replica';
import { SQL_CLIENT } from '@mpp/application';
import { workspaceNotFound } from '../../miniprograms.errors';
import { ReviewQuotas } from '../review-quotas';
import { GetReviewQuota } from './get-review-quota.query';

/** The quota to the workspace's members, and to the platform operators who set it; to anyone else no such workspace. */
@QueryHandler(GetReviewQuota)
export class GetReviewQuotaHandler implements IQueryHandler<GetReviewQuota> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly quotas: ReviewQuotas,
  ) {}

  async execute({ payload, meta }: GetReviewQuota) {
    const actor = signedIn(meta);
    const seen = actor.platformRoles.includes('OPERATOR')
      ? (await knownWorkspaceName(this.sql, payload.workspaceId)) !== undefined
      : (await membershipOf(this.sql, payload.workspaceId, actor.accountId)) !== undefined;
    if (!seen) throw workspaceNotFound();
    return this.quotas.view(payload.workspaceId);
  }
}
