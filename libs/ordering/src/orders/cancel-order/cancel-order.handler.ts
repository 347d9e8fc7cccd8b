import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderSteps } from '../order-steps';
import { CancelOrder } from './cancel-order.command';

@CommandHandler(CancelOrder)
export class CancelOrderHandler implements ICommandHandler<CancelOrder> {
  constructor(private readonly steps: OrderSteps) {}

  execute({ payload, meta }: CancelOrder) {
    return this.steps.take(payload.orderId, meta, (side) => ({ type: 'CancelOrder', side, reason: payload.reason }));
  }
}
