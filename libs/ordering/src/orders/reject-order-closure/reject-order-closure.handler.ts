import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderSteps } from '../order-steps';
import { RejectOrderClosure } from './reject-order-closure.command';

@CommandHandler(RejectOrderClosure)
export class RejectOrderClosureHandler implements ICommandHandler<RejectOrderClosure> {
  constructor(private readonly steps: OrderSteps) {}

  execute({ payload, meta }: RejectOrderClosure) {
    return this.steps.take(payload.orderId, meta, (side) => ({ type: 'RejectClosure', side, reason: payload.reason }));
  }
}
