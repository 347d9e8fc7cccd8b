import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceTemplates } from '../../templates/service-templates';
import { ServiceReviews } from '../service-reviews';
import { ApproveService } from './approve-service.command';

@CommandHandler(ApproveService)
export class ApproveServiceHandler implements ICommandHandler<ApproveService> {
  constructor(
    private readonly reviews: ServiceReviews,
    private readonly templates: ServiceTemplates,
  ) {}

  execute({ payload, meta }: ApproveService) {
    return this.reviews.decide(payload.serviceId, meta, async (state) => ({ type: 'ApproveService', template: await this.templates.factsFor(state.isvWorkspaceId, state.content.templateId) }));
  }
}
