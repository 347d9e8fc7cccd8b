import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ServiceView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { workspaceNotFound } from '../../catalog.errors';
import { isMemberOf } from '../../workspaces/isv-access';
import { serviceKeyset, servicePage } from '../service-pages';
import { ListWorkspaceServices } from './list-workspace-services.query';

@QueryHandler(ListWorkspaceServices)
export class ListWorkspaceServicesHandler implements IQueryHandler<ListWorkspaceServices> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWorkspaceServices) {
    const { workspaceId, limit, cursor, status } = payload;
    const actor = signedIn(meta);
    const after = serviceKeyset(cursor);
    if (!(await isMemberOf(this.sql, workspaceId, actor))) throw workspaceNotFound();
    const { rows } = await this.sql.query<{ view: ServiceView }>(
      `SELECT view FROM services WHERE workspace_id = $1 AND ($5::text IS NULL OR status = $5)
         AND ($2::timestamptz IS NULL OR (updated_at, service_id) < ($2::timestamptz, $3::text))
       ORDER BY updated_at DESC, service_id DESC LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, limit + 1, status ?? null],
    );
    return servicePage(rows, limit);
  }
}
