import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderSteps } from '../order-steps';
import { RejectOrder } from './reject-order.command';

@CommandHandler(RejectOrder)
export class RejectOrderHandler implements ICommandHandler<RejectOrder> {
  constructor(private readonly steps: OrderSteps) {}

  execute({ payload, meta }: RejectOrder) {
    return this.steps.take(payload.orderId, meta, (side) => ({ type: 'RejectOrder', side, reason: payload.reason }));
  }
}
