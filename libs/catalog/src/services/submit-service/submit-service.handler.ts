import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceSteps } from '../service-steps';
import { SubmitService } from './submit-service.command';

@CommandHandler(SubmitService)
export class SubmitServiceHandler implements ICommandHandler<SubmitService> {
  constructor(private readonly steps: ServiceSteps) {}

  execute({ payload, meta }: SubmitService) {
    return this.steps.take(payload.serviceId, meta, { type: 'SubmitService' });
  }
}
