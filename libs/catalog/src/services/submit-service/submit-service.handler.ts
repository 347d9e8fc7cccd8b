import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceTemplates } from '../../templates/service-templates';
import { ServiceSteps } from '../service-steps';
import { SubmitService } from './submit-service.command';

@CommandHandler(SubmitService)
export class SubmitServiceHandler implements ICommandHandler<SubmitService> {
  constructor(
    private readonly steps: ServiceSteps,
    private readonly templates: ServiceTemplates,
  ) {}

  execute({ payload, meta }: SubmitService) {
    return this.steps.take(payload.serviceId, meta, async (state) => ({ type: 'SubmitService', template: await this.templates.factsFor(state.isvWorkspaceId, state.content.templateId) }));
  }
}
