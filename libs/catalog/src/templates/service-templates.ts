import { Inject, Injectable } from '@nestjs/common';
import { ServiceContent } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { TEMPLATE_NOT_FOUND } from '../catalog.errors';
import { TemplateFacts } from '../services/service.decider';

/** The templates a template service names, as catalog's known_templates projection knows them. */
@Injectable()
export class ServiceTemplates {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  /** 422 TEMPLATE_NOT_FOUND unless the template is one of the ISV workspace's own (another ISV's looks unknown). */
  async requireOwn(isvWorkspaceId: string, templateId: string): Promise<void> {
    const { rows } = await this.sql.query(`SELECT 1 FROM known_templates WHERE template_id = $1 AND isv_workspace_id = $2`, [templateId, isvWorkspaceId]);
    if (!rows[0]) throw AppError.rule(TEMPLATE_NOT_FOUND, 'templateId is not one of this ISV workspace\'s templates');
  }

  /** What a submission or approval of the content needs to know of its template; nothing for a development service. */
  async factsFor(isvWorkspaceId: string, content: ServiceContent): Promise<TemplateFacts | undefined> {
    if (!content.templateId) return undefined;
    const { rows } = await this.sql.query<{ published_versions: number }>(
      `SELECT published_versions FROM known_templates WHERE template_id = $1 AND isv_workspace_id = $2`,
      [content.templateId, isvWorkspaceId],
    );
    return { templateId: content.templateId, publishedVersions: rows[0]?.published_versions ?? 0 };
  }
}
