import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AUTHORIZATION_SCOPES } from '@mpp/contracts';
import { normalizeScopes } from '../../authorizations/authorization.decider';
import { OrderSteps } from '../order-steps';
import { ConfirmOrder } from './confirm-order.command';

@CommandHandler(ConfirmOrder)
export class ConfirmOrderHandler implements ICommandHandler<ConfirmOrder> {
  constructor(private readonly steps: OrderSteps) {}

  execute({ payload, meta }: ConfirmOrder) {
    return this.steps.take(payload.orderId, meta, (side) => ({ type: 'ConfirmOrder', side, authorizationId: randomUUID(), scopes: normalizeScopes(payload.scopes ?? AUTHORIZATION_SCOPES) }));
  }
}
