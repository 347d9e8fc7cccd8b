import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderSteps } from '../order-steps';
import { RequestOrderClosure } from './request-order-closure.command';

@CommandHandler(RequestOrderClosure)
export class RequestOrderClosureHandler implements ICommandHandler<RequestOrderClosure> {
  constructor(private readonly steps: OrderSteps) {}

  execute({ payload, meta }: RequestOrderClosure) {
    return this.steps.take(payload.orderId, meta, (side) => ({ type: 'RequestClosure', side }));
  }
}
