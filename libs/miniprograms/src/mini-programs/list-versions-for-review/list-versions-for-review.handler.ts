import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { VersionView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AppError, decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { FORBIDDEN_ROLE } from '../../miniprograms.errors';
import { ListVersionsForReview } from './list-versions-for-review.query';

/** The reviewers' queue across all mini programs: versions of a status (IN_REVIEW by default), oldest change first. */
@QueryHandler(ListVersionsForReview)
export class ListVersionsForReviewHandler implements IQueryHandler<ListVersionsForReview> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListVersionsForReview) {
    const { status = 'IN_REVIEW', limit, cursor } = payload;
    if (!signedIn(meta).platformRoles.includes('REVIEWER')) throw AppError.forbidden(FORBIDDEN_ROLE, 'only reviewers see the review queue');
    const after = decodeCursor<{ at: string; id: string; v: string }>(cursor, { at: 'timestamp', id: 'string', v: 'string' });
    const { rows } = await this.sql.query<{ view: VersionView }>(
      `SELECT view FROM mini_program_versions WHERE status = $1
         AND ($2::timestamptz IS NULL OR (updated_at, mini_program_id, version) > ($2::timestamptz, $3::text, $4::text))
       ORDER BY updated_at, mini_program_id, version LIMIT $5`,
      [status, after?.at ?? null, after?.id ?? null, after?.v ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.updatedAt, id: v.miniProgramId, v: v.version }));
  }
}
