import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderView, Page } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { membershipOf } from '@mpp/workspace-replica';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { ListWorkspaceOrders } from './list-workspace-orders.query';
import { workspaceNotFound } from '../../ordering.errors';

/** A workspace's orders, as merchant or as ISV, most recently changed first; its members only. */
@QueryHandler(ListWorkspaceOrders)
export class ListWorkspaceOrdersHandler implements IQueryHandler<ListWorkspaceOrders> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWorkspaceOrders): Promise<Page<OrderView>> {
    const { workspaceId, limit, cursor, status } = payload;
    const actor = signedIn(meta);
    if (!(await membershipOf(this.sql, workspaceId, actor.accountId))) throw workspaceNotFound();
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<{ view: OrderView; service_name: string | null }>(
      `SELECT o.view, s.name AS service_name FROM orders o LEFT JOIN known_services s USING (service_id)
        WHERE (o.merchant_workspace_id = $1 OR o.isv_workspace_id = $1) AND ($2::text IS NULL OR o.status = $2)
          AND ($3::timestamptz IS NULL OR (o.updated_at, o.order_id) < ($3::timestamptz, $4::text))
        ORDER BY o.updated_at DESC, o.order_id DESC LIMIT $5`,
      [workspaceId, status ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const views = rows.map((r) => ({ ...r.view, ...(r.service_name ? { serviceName: r.service_name } : {}) }));
    return toPage(views, limit, (v) => ({ at: v.updatedAt, id: v.orderId }));
  }
}
