import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ServiceView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError, decodeCursor, Page, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/runtime';
import { signedIn } from '@mpp/messaging';
import { isMemberOf } from '../../workspaces/isv-access';
import { ListServices } from './list-services.query';

@QueryHandler(ListServices)
export class ListServicesHandler implements IQueryHandler<ListServices, Page<ServiceView>> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ scope, limit, cursor, status, meta }: ListServices): Promise<Page<ServiceView>> {
    const actor = signedIn(meta);
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const keyset = [after?.at ?? null, after?.id ?? null, limit + 1];
    let rows: { view: ServiceView }[];
    if (scope === 'REVIEW') {
      if (!actor.platformRoles.includes('REVIEWER')) throw AppError.forbidden('FORBIDDEN_ROLE', 'only reviewers see the review queue');
      const wanted = status ?? 'PENDING_REVIEW';
      ({ rows } = await this.sql.query<{ view: ServiceView }>(
        `SELECT view FROM services WHERE (status = $1 OR revision_status = $1)
           AND ($2::timestamptz IS NULL OR (updated_at, service_id) > ($2::timestamptz, $3::text))
         ORDER BY updated_at, service_id LIMIT $4`,
        [wanted, ...keyset],
      ));
      return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.updatedAt, id: v.serviceId }));
    }
    if (!(await isMemberOf(this.sql, scope.workspaceId, actor))) throw AppError.notFound('WORKSPACE_NOT_FOUND', 'no such workspace');
    ({ rows } = await this.sql.query<{ view: ServiceView }>(
      `SELECT view FROM services WHERE workspace_id = $1 AND ($5::text IS NULL OR status = $5)
         AND ($2::timestamptz IS NULL OR (updated_at, service_id) < ($2::timestamptz, $3::text))
       ORDER BY updated_at DESC, service_id DESC LIMIT $4`,
      [scope.workspaceId, ...keyset, status ?? null],
    ));
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.updatedAt, id: v.serviceId }));
  }
}
