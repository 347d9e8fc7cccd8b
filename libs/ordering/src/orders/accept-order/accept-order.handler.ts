import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderSteps } from '../order-steps';
import { AcceptOrder } from './accept-order.command';

@CommandHandler(AcceptOrder)
export class AcceptOrderHandler implements ICommandHandler<AcceptOrder> {
  constructor(private readonly steps: OrderSteps) {}

  execute({ payload, meta }: AcceptOrder) {
    return this.steps.take(payload.orderId, meta, (side) => ({ type: 'AcceptOrder', side }));
  }
}
