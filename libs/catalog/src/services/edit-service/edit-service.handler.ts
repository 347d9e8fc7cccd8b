import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { SERVICE_NAMES } from '../../catalog.tokens';
import { ServiceTemplates } from '../../templates/service-templates';
import { ServiceNames } from '../service-names';
import { serviceDecider } from '../service.decider';
import { ServiceSteps } from '../service-steps';
import { toServiceView } from '../service-view';
import { EditService } from './edit-service.command';

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** An edit answers the whole service; a new name is claimed first and the old one released once no version uses it. */
@CommandHandler(EditService)
export class EditServiceHandler implements ICommandHandler<EditService> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SERVICE_NAMES) private readonly names: ServiceNames,
    private readonly steps: ServiceSteps,
    private readonly templates: ServiceTemplates,
  ) {}

  async execute({ payload, meta }: EditService) {
    const { serviceId, changes } = payload;
    const { streamId, state } = await this.steps.load(serviceId, meta);
    const template = await this.templates.factsFor(state.isvWorkspaceId, changes.templateId);
    const newName = changes.name !== undefined && !sameName(changes.name, state.content.name) ? changes.name : undefined;
    if (newName !== undefined) await this.names.claim(state.isvWorkspaceId, newName, serviceId, meta.correlationId);
    const result = await this.aggregates.handle(serviceDecider, streamId, { type: 'EditService', changes, template }, { metadata: meta });
    // The old name is free once no version of the service uses it (an ONLINE one keeps it while revised).
    if (newName !== undefined && !(state.online && sameName(state.online.name, state.content.name))) {
      await this.names.release(state.isvWorkspaceId, state.content.name, serviceId, meta.correlationId);
    }
    return toServiceView(serviceId, result.state, result.version);
  }
}
