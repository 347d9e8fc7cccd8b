import { SqlClient } from '@mpp/eventsourcing';
import { templateNotFound } from '../miniprograms.errors';
import { ExistingTemplate } from '../templates/template.decider';

/**
 * `targets: {templateId}`: every mini program whose stored ext config names the template and on which the ISV holds
 * an ACTIVE authorization when the job is created (API.md "Batch jobs"), from miniprograms' own read models. The
 * template must be the job's workspace's: another's is 404, as a single request for it would be.
 */
export async function miniProgramsMadeFrom(sql: SqlClient, template: ExistingTemplate, isvWorkspaceId: string): Promise<string[]> {
  if (template.isvWorkspaceId !== isvWorkspaceId) throw templateNotFound();
  const { rows } = await sql.query<{ mini_program_id: string }>(
    `SELECT c.mini_program_id FROM template_ext_configs c
       WHERE c.template_id = $1
         AND EXISTS (SELECT 1 FROM granted_authorizations a WHERE a.mini_program_id = c.mini_program_id AND a.isv_workspace_id = $2 AND a.status = 'ACTIVE')
       ORDER BY c.mini_program_id`,
    [template.templateId, isvWorkspaceId],
  );
  return rows.map((r) => r.mini_program_id);
}
