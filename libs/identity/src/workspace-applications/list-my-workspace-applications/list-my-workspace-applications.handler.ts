import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkspaceApplicationView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { ListMyWorkspaceApplications } from './list-my-workspace-applications.query';

/** The caller's own applications with every decision, newest first. */
@QueryHandler(ListMyWorkspaceApplications)
export class ListMyWorkspaceApplicationsHandler implements IQueryHandler<ListMyWorkspaceApplications> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListMyWorkspaceApplications) {
    const actor = signedIn(meta);
    const { limit, cursor } = payload;
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ view: WorkspaceApplicationView }>(
      `SELECT view FROM workspace_applications
        WHERE applicant_account_id = $1 AND ($2::timestamptz IS NULL OR (submitted_at, application_id) < ($2::timestamptz, $3::text))
        ORDER BY submitted_at DESC, application_id DESC LIMIT $4`,
      [actor.accountId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.submittedAt, id: v.applicationId }));
  }
}
