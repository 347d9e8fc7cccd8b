import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkspaceApplicationView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { forbiddenRole } from '../../identity.errors';
import { ListWorkspaceApplicationsForReview } from './list-workspace-applications-for-review.query';

/** Reviewers only: the applications of one status (or all), oldest first. */
@QueryHandler(ListWorkspaceApplicationsForReview)
export class ListWorkspaceApplicationsForReviewHandler implements IQueryHandler<ListWorkspaceApplicationsForReview> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWorkspaceApplicationsForReview) {
    const actor = signedIn(meta);
    const { status, limit, cursor } = payload;
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    if (!actor.platformRoles.includes('REVIEWER')) throw forbiddenRole('see the review queue');
    const { rows } = await this.sql.query<{ view: WorkspaceApplicationView }>(
      `SELECT view FROM workspace_applications
        WHERE ($1::text IS NULL OR status = $1) AND ($2::timestamptz IS NULL OR (submitted_at, application_id) > ($2::timestamptz, $3::text))
        ORDER BY submitted_at, application_id LIMIT $4`,
      [status ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.submittedAt, id: v.applicationId }));
  }
}
