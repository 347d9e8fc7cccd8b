import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceReviews } from '../service-reviews';
import { RejectService } from './reject-service.command';

@CommandHandler(RejectService)
export class RejectServiceHandler implements ICommandHandler<RejectService> {
  constructor(private readonly reviews: ServiceReviews) {}

  execute({ payload, meta }: RejectService) {
    return this.reviews.decide(payload.serviceId, meta, { type: 'RejectService', reason: payload.reason });
  }
}
