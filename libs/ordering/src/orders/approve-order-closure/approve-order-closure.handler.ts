import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderSteps } from '../order-steps';
import { ApproveOrderClosure } from './approve-order-closure.command';

@CommandHandler(ApproveOrderClosure)
export class ApproveOrderClosureHandler implements ICommandHandler<ApproveOrderClosure> {
  constructor(private readonly steps: OrderSteps) {}

  execute({ payload, meta }: ApproveOrderClosure) {
    return this.steps.take(payload.orderId, meta, (side) => ({ type: 'ApproveClosure', side }));
  }
}
