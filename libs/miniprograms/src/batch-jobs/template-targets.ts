import { SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { TEMPLATES_NOT_AVAILABLE } from '../miniprograms.errors';

/**
 * `targets: {templateId}`: every mini program whose stored ext config names the template and on which the ISV holds
 * an ACTIVE authorization when the job is created (API.md "Batch jobs"). Wired to the templates slice's read model
 * when it is merged; until then such a job is refused with 422 TEMPLATES_NOT_AVAILABLE.
 */
export async function miniProgramsMadeFrom(_sql: SqlClient, _templateId: string, _isvWorkspaceId: string): Promise<string[]> {
  throw AppError.rule(TEMPLATES_NOT_AVAILABLE, 'jobs over a template\'s mini programs are not available yet');
}
