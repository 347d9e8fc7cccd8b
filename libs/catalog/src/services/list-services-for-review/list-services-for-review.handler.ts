import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ServiceView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { reviewersOnly } from '../../catalog.errors';
import { serviceKeyset, servicePage } from '../service-pages';
import { ListServicesForReview } from './list-services-for-review.query';

@QueryHandler(ListServicesForReview)
export class ListServicesForReviewHandler implements IQueryHandler<ListServicesForReview> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListServicesForReview) {
    const { limit, cursor, status } = payload;
    const actor = signedIn(meta);
    const after = serviceKeyset(cursor);
    if (!actor.platformRoles.includes('REVIEWER')) throw reviewersOnly('only reviewers see the review queue');
    const { rows } = await this.sql.query<{ view: ServiceView }>(
      `SELECT view FROM services WHERE (status = $1 OR revision_status = $1)
         AND ($2::timestamptz IS NULL OR (updated_at, service_id) > ($2::timestamptz, $3::text))
       ORDER BY updated_at, service_id LIMIT $4`,
      [status ?? 'PENDING_REVIEW', after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return servicePage(rows, limit);
  }
}
