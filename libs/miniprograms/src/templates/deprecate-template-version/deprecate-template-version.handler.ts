import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { SQL_CLIENT } from '@mpp/application';
import { backsOnlineService } from '../template-services.projection';
import { TemplateChanges } from '../template-changes';
import { DeprecateTemplateVersion } from './deprecate-template-version.command';

/**
 * Deprecates a PUBLISHED version. Whether an ONLINE service offers the template comes from miniprograms' copy of
 * catalog.events: a service going online in the instant between is caught by catalog, which refuses to take a
 * template without a PUBLISHED version online.
 */
@CommandHandler(DeprecateTemplateVersion)
export class DeprecateTemplateVersionHandler implements ICommandHandler<DeprecateTemplateVersion> {
  constructor(
    private readonly changes: TemplateChanges,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: DeprecateTemplateVersion) {
    const inUse = await backsOnlineService(this.sql, payload.templateId);
    return this.changes.ofVersion(payload.templateId, meta, { type: 'DeprecateTemplateVersion', version: payload.version, backsOnlineService: inUse });
  }
}
