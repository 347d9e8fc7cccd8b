import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetOrderPayload, HistoryItem, OrderStatus, OrderView, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { membershipOf, signedIn } from '@mpp/messaging';
import { AppError, decodeCursor, Page, toPage } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { historyOf } from '../history';
import { orderNotFound, partyOf } from '../parties';
import { orderDecider, orderStreamId } from './order.decider';

export class GetOrder {
  constructor(
    readonly query: GetOrderPayload,
    readonly part: 'ORDER' | 'HISTORY',
    readonly meta: RequestMeta,
  ) {}
}

export class ListWorkspaceOrders {
  constructor(
    readonly workspaceId: string,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly status: OrderStatus | undefined,
    readonly meta: RequestMeta,
  ) {}
}

/**
 * One order from its own events (never a projection): now, or "as of" a time or a version, and its history.
 * Only the two parties' members see it.
 */
@QueryHandler(GetOrder)
export class GetOrderHandler implements IQueryHandler<GetOrder, OrderView | { items: HistoryItem[] }> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ query, part, meta }: GetOrder) {
    const actor = signedIn(meta);
    const streamId = orderStreamId(query.orderId);
    const now = await this.aggregates.load(orderDecider, streamId);
    if (now.state.status === 'NONE') throw orderNotFound();
    await partyOf(this.sql, now.state, actor, orderNotFound);
    if (part === 'HISTORY') return { items: historyOf(now.events) };
    const asOf = query.at !== undefined || query.version !== undefined ? await this.aggregates.load(orderDecider, streamId, { at: query.at ? new Date(query.at) : undefined, upToVersion: query.version }) : now;
    if (asOf.state.status === 'NONE') throw AppError.notFound('ORDER_NOT_PLACED_YET', 'the order had not been placed at that time');
    const { state, version } = asOf;
    const { rows } = await this.sql.query<{ name: string }>(`SELECT name FROM known_services WHERE service_id = $1`, [state.serviceId]);
    return {
      orderId: state.orderId,
      status: state.status,
      serviceId: state.serviceId,
      ...(rows[0] ? { serviceName: rows[0].name } : {}),
      miniProgramId: state.miniProgramId,
      merchantWorkspaceId: state.merchantWorkspaceId,
      isvWorkspaceId: state.isvWorkspaceId,
      ...(state.authorizationId ? { authorizationId: state.authorizationId } : {}),
      ...(state.note ? { note: state.note } : {}),
      ...(state.reason ? { reason: state.reason } : {}),
      placedAt: state.placedAt,
      updatedAt: state.updatedAt,
      version,
    } satisfies OrderView;
  }
}

/** A workspace's orders, as merchant or as ISV, most recently changed first; its members only. */
@QueryHandler(ListWorkspaceOrders)
export class ListWorkspaceOrdersHandler implements IQueryHandler<ListWorkspaceOrders, Page<OrderView>> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ workspaceId, limit, cursor, status, meta }: ListWorkspaceOrders): Promise<Page<OrderView>> {
    const actor = signedIn(meta);
    if (!(await membershipOf(this.sql, workspaceId, actor.accountId))) throw AppError.notFound('WORKSPACE_NOT_FOUND', 'no such workspace');
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
