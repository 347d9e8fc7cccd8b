import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuthorizationView, Page } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { membershipsOf } from '@mpp/workspace-replica';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { ListAuthorizations } from './list-authorizations.query';
import { workspaceNotFound } from '../../ordering.errors';

/** The authorizations of the caller's workspaces (as merchant or ISV), optionally of one mini program or workspace. */
@QueryHandler(ListAuthorizations)
export class ListAuthorizationsHandler implements IQueryHandler<ListAuthorizations> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload: filters, meta }: ListAuthorizations): Promise<Page<AuthorizationView>> {
    const actor = signedIn(meta);
    const mine = (await membershipsOf(this.sql, actor.accountId)).map((m) => m.workspaceId);
    if (filters.workspaceId && !mine.includes(filters.workspaceId)) throw workspaceNotFound();
    const workspaces = filters.workspaceId ? [filters.workspaceId] : mine;
    const after = decodeCursor<{ at: string; id: string }>(filters.cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ view: AuthorizationView }>(
      `SELECT view FROM authorizations
        WHERE (merchant_workspace_id = ANY($1::text[]) OR isv_workspace_id = ANY($1::text[]))
          AND ($2::text IS NULL OR mini_program_id = $2) AND ($3::text IS NULL OR status = $3)
          AND ($4::timestamptz IS NULL OR (updated_at, authorization_id) < ($4::timestamptz, $5::text))
        ORDER BY updated_at DESC, authorization_id DESC LIMIT $6`,
      [workspaces, filters.miniProgramId ?? null, filters.status ?? null, after?.at ?? null, after?.id ?? null, filters.limit + 1],
    );
    return toPage(rows.map((r) => r.view), filters.limit, (v) => ({ at: v.updatedAt, id: v.authorizationId }));
  }
}
