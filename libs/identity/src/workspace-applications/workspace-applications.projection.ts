import { WorkspaceApplicationView } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';
import { APPLICATION_APPROVED, APPLICATION_LOGO_UPLOADED, APPLICATION_REJECTED, APPLICATION_SUBMITTED, ApplicationSubmittedData } from './workspace-application.decider';

/** Every application and its decision: the reviewers' queue (by status) and each applicant's history. */
export const workspaceApplicationsProjection: Projection = {
  name: 'workspace-applications',
  source: 'store',
  tables: ['workspace_applications'],
  schema: (t) => `
    CREATE TABLE ${t('workspace_applications')} (
      application_id text PRIMARY KEY,
      applicant_account_id text NOT NULL,
      status text NOT NULL,
      submitted_at timestamptz NOT NULL,
      view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('workspace_applications')} (status, submitted_at, application_id);
    CREATE INDEX ON ${t('workspace_applications')} (applicant_account_id, submitted_at DESC, application_id DESC);`,
  async apply(tx, event, t) {
    const table = t('workspace_applications');
    const applicationId = event.streamId.replace(/^WorkspaceApplication-/, '');
    const patch = (status: string | null, fields: Partial<WorkspaceApplicationView>) =>
      tx.query(`UPDATE ${table} SET status = coalesce($2, status), view = view || $3::jsonb WHERE application_id = $1`, [
        applicationId,
        status,
        JSON.stringify({ ...fields, ...(status ? { status } : {}), version: event.streamPosition }),
      ]);
    switch (event.type) {
      case APPLICATION_SUBMITTED: {
        const { applicantEmail: _private, termsVersion: _terms, ...data } = event.data as unknown as ApplicationSubmittedData;
        const view: WorkspaceApplicationView = { ...data, status: 'UNDER_REVIEW', hasLogo: false, version: event.streamPosition };
        await tx.query(
          `INSERT INTO ${table} (application_id, applicant_account_id, status, submitted_at, view) VALUES ($1, $2, 'UNDER_REVIEW', $3, $4::jsonb)
           ON CONFLICT (application_id) DO NOTHING`,
          [data.applicationId, data.applicantAccountId, data.submittedAt, JSON.stringify(view)],
        );
        return;
      }
      case APPLICATION_LOGO_UPLOADED:
        await patch(null, { hasLogo: true });
        return;
      case APPLICATION_APPROVED:
        await patch('APPROVED', { workspaceId: event.data.workspaceId as string, decidedAt: event.data.at as string, decidedBy: event.data.reviewerAccountId as string });
        return;
      case APPLICATION_REJECTED:
        await patch('REJECTED', { reason: event.data.reason as string, decidedAt: event.data.at as string, decidedBy: event.data.reviewerAccountId as string });
        return;
    }
  },
};
