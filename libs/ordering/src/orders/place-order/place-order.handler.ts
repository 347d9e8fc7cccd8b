import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { membershipOf } from '@mpp/workspace-replica';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { ORDER_SLOTS } from '../../ordering.tokens';
import { PlaceOrder } from './place-order.command';
import { requireDecidingRole } from '../../parties';
import { orderDecider, orderStreamId } from '../order.decider';
import { OrderSlots } from '../order-slots';
import { MINI_PROGRAM_NOT_FOUND, SERVICE_NOT_FOUND, SERVICE_NOT_ONLINE } from '../../ordering.errors';

/**
 * A merchant's Owner or Admin orders an ONLINE service for one of the merchant's mini programs: a development
 * service, or a template service, which is ordered and authorized the same way (DOMAIN.md 5).
 * Everything is checked against ordering's own projections of catalog, miniprograms and identity events.
 */
@CommandHandler(PlaceOrder)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrder> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(ORDER_SLOTS) private readonly slots: OrderSlots,
  ) {}

  async execute({ payload, meta }: PlaceOrder) {
    const actor = signedIn(meta);
    const { serviceId, miniProgramId, note } = payload;
    const { rows: programs } = await this.sql.query<{ owner_workspace_id: string }>(`SELECT owner_workspace_id FROM known_mini_programs WHERE mini_program_id = $1`, [miniProgramId]);
    const merchant = programs[0] && (await membershipOf(this.sql, programs[0].owner_workspace_id, actor.accountId));
    // Another merchant's mini program is not shown to exist.
    if (!programs[0] || !merchant) throw AppError.notFound(MINI_PROGRAM_NOT_FOUND, 'no such mini program');
    requireDecidingRole(merchant);
    const { rows: services } = await this.sql.query<{ isv_workspace_id: string; online: boolean }>(
      `SELECT isv_workspace_id, online FROM known_services WHERE service_id = $1`,
      [serviceId],
    );
    const service = services[0];
    if (!service) throw AppError.notFound(SERVICE_NOT_FOUND, 'no such service in the market');
    if (!service.online) throw AppError.rule(SERVICE_NOT_ONLINE, 'the service is no longer in the market');
    const orderId = randomUUID();
    await this.slots.claim(miniProgramId, serviceId, orderId, meta.correlationId);
    const parties = { orderId, serviceId, miniProgramId, merchantWorkspaceId: programs[0].owner_workspace_id, isvWorkspaceId: service.isv_workspace_id };
    const result = await this.aggregates.handle(orderDecider, orderStreamId(orderId), { type: 'PlaceOrder', parties, note }, { metadata: meta, mustBeNew: true });
    return { orderId, status: 'NEW' as const, version: result.version };
  }
}
