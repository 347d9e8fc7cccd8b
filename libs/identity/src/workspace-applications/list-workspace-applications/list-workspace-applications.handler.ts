import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkspaceApplicationView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError, decodeCursor, Page, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/runtime';
import { signedIn } from '@mpp/messaging';
import { ListWorkspaceApplications } from './list-workspace-applications.query';

@QueryHandler(ListWorkspaceApplications)
export class ListWorkspaceApplicationsHandler implements IQueryHandler<ListWorkspaceApplications, Page<WorkspaceApplicationView>> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ scope, limit, cursor, status, meta }: ListWorkspaceApplications): Promise<Page<WorkspaceApplicationView>> {
    const actor = signedIn(meta);
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    let rows: { view: WorkspaceApplicationView }[];
    if (scope === 'REVIEW') {
      if (!actor.platformRoles.includes('REVIEWER')) throw AppError.forbidden('FORBIDDEN_ROLE', 'only reviewers see the review queue');
      ({ rows } = await this.sql.query<{ view: WorkspaceApplicationView }>(
        `SELECT view FROM workspace_applications
          WHERE ($1::text IS NULL OR status = $1) AND ($2::timestamptz IS NULL OR (submitted_at, application_id) > ($2::timestamptz, $3::text))
          ORDER BY submitted_at, application_id LIMIT $4`,
        [status ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
      ));
    } else {
      ({ rows } = await this.sql.query<{ view: WorkspaceApplicationView }>(
        `SELECT view FROM workspace_applications
          WHERE applicant_account_id = $1 AND ($2::timestamptz IS NULL OR (submitted_at, application_id) < ($2::timestamptz, $3::text))
          ORDER BY submitted_at DESC, application_id DESC LIMIT $4`,
        [actor.accountId, after?.at ?? null, after?.id ?? null, limit + 1],
      ));
    }
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.submittedAt, id: v.applicationId }));
  }
}
