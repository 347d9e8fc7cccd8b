import { Inject, Injectable } from '@nestjs/common';
import { SqlClient } from '@mpp/eventsourcing';
import { SQL_CLIENT } from '@mpp/application';
import { TemplateFacts } from '../services/service.decider';

/** The templates services name, as catalog's known_templates projection (from miniprograms.events) knows them. */
@Injectable()
export class ServiceTemplates {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  /** What the decider is told of the template: nothing when none is named, or when it is not one of the ISV's own. */
  async factsFor(isvWorkspaceId: string, templateId: unknown): Promise<TemplateFacts | undefined> {
    // Not a string: the decider refuses the content itself (400), before asking whose template it is.
    if (typeof templateId !== 'string') return undefined;
    const { rows } = await this.sql.query<{ published_versions: number }>(
      `SELECT published_versions FROM known_templates WHERE template_id = $1 AND isv_workspace_id = $2`,
      [templateId, isvWorkspaceId],
    );
    return rows[0] ? { templateId, publishedVersions: rows[0].published_versions } : undefined;
  }
}
