import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceReviews } from '../service-reviews';
import { ApproveService } from './approve-service.command';

@CommandHandler(ApproveService)
export class ApproveServiceHandler implements ICommandHandler<ApproveService> {
  constructor(private readonly reviews: ServiceReviews) {}

  execute({ payload, meta }: ApproveService) {
    return this.reviews.decide(payload.serviceId, meta, { type: 'ApproveService' });
  }
}
