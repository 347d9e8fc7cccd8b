import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceSteps } from '../service-steps';
import { WithdrawService } from './withdraw-service.command';

@CommandHandler(WithdrawService)
export class WithdrawServiceHandler implements ICommandHandler<WithdrawService> {
  constructor(private readonly steps: ServiceSteps) {}

  execute({ payload, meta }: WithdrawService) {
    return this.steps.take(payload.serviceId, meta, { type: 'WithdrawService' });
  }
}
