import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceSteps } from '../service-steps';
import { ArchiveService } from './archive-service.command';

@CommandHandler(ArchiveService)
export class ArchiveServiceHandler implements ICommandHandler<ArchiveService> {
  constructor(private readonly steps: ServiceSteps) {}

  execute({ payload, meta }: ArchiveService) {
    return this.steps.take(payload.serviceId, meta, { type: 'ArchiveService' });
  }
}
