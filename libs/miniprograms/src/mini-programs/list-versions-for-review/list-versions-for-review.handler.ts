import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { VersionView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AppError, decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { FORBIDDEN_ROLE } from '../../miniprograms.errors';
import { ListVersionsForReview } from './list-versions-for-review.query';

/**
 * The reviewers' queue across all mini programs: versions of a status (IN_REVIEW by default), expedited ones first,
 * then by submission time (the last change for versions never submitted, or projected before submissions were timed).
 */
@QueryHandler(ListVersionsForReview)
export class ListVersionsForReviewHandler implements IQueryHandler<ListVersionsForReview> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListVersionsForReview) {
    const { status = 'IN_REVIEW', limit, cursor } = payload;
    if (!signedIn(meta).platformRoles.includes('REVIEWER')) throw AppError.forbidden(FORBIDDEN_ROLE, 'only reviewers see the review queue');
    const after = decodeCursor<{ e: number; at: string; id: string; v: string }>(cursor, { e: 'number', at: 'timestamp', id: 'string', v: 'string' });
    // Read from the version's view, so the projection's table (and every database holding it) stays as it is.
    const { rows } = await this.sql.query<{ view: VersionView }>(
      `SELECT view FROM (
         SELECT view, mini_program_id, version, CASE WHEN view ? 'expedited' THEN 0 ELSE 1 END AS lane,
                COALESCE((view->>'submittedAt')::timestamptz, updated_at) AS queued_at
           FROM mini_program_versions WHERE status = $1
       ) q
       WHERE $2::int IS NULL OR (lane, queued_at, mini_program_id, version) > ($2::int, $3::timestamptz, $4::text, $5::text)
       ORDER BY lane, queued_at, mini_program_id, version LIMIT $6`,
      [status, after?.e ?? null, after?.at ?? null, after?.id ?? null, after?.v ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ e: v.expedited ? 0 : 1, at: v.submittedAt ?? v.updatedAt, id: v.miniProgramId, v: v.version }));
  }
}
