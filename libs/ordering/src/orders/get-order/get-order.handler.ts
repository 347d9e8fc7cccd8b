import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { orderNotFound, partyOf } from '../../parties';
import { orderDecider, orderStreamId } from '../order.decider';
import { GetOrder } from './get-order.query';
import { ORDER_NOT_PLACED_YET } from '../../ordering.errors';

/** One order from its own events (never a projection): now, or "as of" a time or a version. Only the two parties' members see it. */
@QueryHandler(GetOrder)
export class GetOrderHandler implements IQueryHandler<GetOrder> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetOrder): Promise<OrderView> {
    const actor = signedIn(meta);
    const streamId = orderStreamId(payload.orderId);
    const now = await this.aggregates.load(orderDecider, streamId);
    if (now.state.status === 'NONE') throw orderNotFound();
    await partyOf(this.sql, now.state, actor, orderNotFound);
    const asOf =
      payload.at !== undefined || payload.version !== undefined
        ? await this.aggregates.load(orderDecider, streamId, { at: payload.at ? new Date(payload.at) : undefined, upToVersion: payload.version })
        : now;
    if (asOf.state.status === 'NONE') throw AppError.notFound(ORDER_NOT_PLACED_YET, 'the order had not been placed at that time');
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
    };
  }
}
