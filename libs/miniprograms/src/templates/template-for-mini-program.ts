import { Injectable, Inject } from '@nestjs/common';
import { RequestActor } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { membershipOf } from '@mpp/workspace-replica';
import { SQL_CLIENT } from '@mpp/application';
import { MiniProgramAccess } from '../access/mini-program-access';
import { templateNotFound } from '../miniprograms.errors';
import { TemplateChanges } from './template-changes';
import { ExistingTemplate } from './template.decider';

/**
 * The template a caller may use on a mini program it reaches: an ISV only its own workspace's templates (the one
 * holding the authorization); a merchant member those of a workspace it belongs to, or, to set its ext config,
 * those of an ISV authorized on the mini program. Any other template does not exist for it (404).
 */
@Injectable()
export class TemplateForMiniProgram {
  constructor(
    private readonly templates: TemplateChanges,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async find(templateId: string, miniProgramId: string, access: MiniProgramAccess | undefined, actor: RequestActor, orAuthorizedIsv = false): Promise<ExistingTemplate> {
    const { state: template } = await this.templates.latest(templateId);
    if (template.status === 'NONE') throw templateNotFound();
    if (access?.side === 'ISV') {
      if (access.workspaceId !== template.isvWorkspaceId) throw templateNotFound();
      return template;
    }
    if (await membershipOf(this.sql, template.isvWorkspaceId, actor.accountId)) return template;
    if (orAuthorizedIsv) {
      const { rows } = await this.sql.query(`SELECT 1 FROM granted_authorizations WHERE mini_program_id = $1 AND isv_workspace_id = $2 AND status = 'ACTIVE' LIMIT 1`, [miniProgramId, template.isvWorkspaceId]);
      if (rows.length) return template;
    }
    throw templateNotFound();
  }
}
