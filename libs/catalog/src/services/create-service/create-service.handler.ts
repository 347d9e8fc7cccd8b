import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { SERVICE_NAMES } from '../../catalog.tokens';
import { signedIn } from '@mpp/messaging';
import { ServiceTemplates } from '../../templates/service-templates';
import { requireIsvMember, workspaceName } from '../../workspaces/isv-access';
import { checkServiceContent } from '../service-content';
import { ServiceNames } from '../service-names';
import { requireOwnTemplate, serviceDecider, serviceStreamId } from '../service.decider';
import { CreateService } from './create-service.command';

@CommandHandler(CreateService)
export class CreateServiceHandler implements ICommandHandler<CreateService> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(SERVICE_NAMES) private readonly names: ServiceNames,
    private readonly templates: ServiceTemplates,
  ) {}

  async execute({ payload, meta }: CreateService) {
    const { workspaceId, ...given } = payload;
    await requireIsvMember(this.sql, workspaceId, signedIn(meta));
    const content = { ...given, companyInfo: given.companyInfo ?? (await workspaceName(this.sql, workspaceId)) };
    // The decider's own checks, before the name is claimed: a refused service takes no name.
    checkServiceContent(content);
    const template = await this.templates.factsFor(workspaceId, content.templateId);
    requireOwnTemplate(content.templateId, template);
    const serviceId = randomUUID();
    await this.names.claim(workspaceId, content.name, serviceId, meta.correlationId);
    const command = { type: 'CreateService' as const, serviceId, isvWorkspaceId: workspaceId, content, template };
    const result = await this.aggregates.handle(serviceDecider, serviceStreamId(serviceId), command, { metadata: meta, mustBeNew: true });
    return { serviceId, status: 'DRAFT' as const, version: result.version };
  }
}
