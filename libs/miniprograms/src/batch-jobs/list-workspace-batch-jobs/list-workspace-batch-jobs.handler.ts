import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { workspaceNotFound } from '../../miniprograms.errors';
import { requireJobReader } from '../batch-job-access';
import { BATCH_JOB_COLUMNS, BatchJobRow, batchJobView } from '../batch-jobs.projection';
import { ListWorkspaceBatchJobs } from './list-workspace-batch-jobs.query';

/** An ISV workspace's jobs, newest first; its members only. */
@QueryHandler(ListWorkspaceBatchJobs)
export class ListWorkspaceBatchJobsHandler implements IQueryHandler<ListWorkspaceBatchJobs> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListWorkspaceBatchJobs) {
    const { workspaceId, limit, cursor } = payload;
    await requireJobReader(this.sql, workspaceId, signedIn(meta), workspaceNotFound);
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<BatchJobRow>(
      `SELECT ${BATCH_JOB_COLUMNS} FROM batch_jobs WHERE workspace_id = $1 AND ($2::timestamptz IS NULL OR (created_at, job_id) < ($2::timestamptz, $3::text))
        ORDER BY created_at DESC, job_id DESC LIMIT $4`,
      [workspaceId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return toPage(rows.map(batchJobView), limit, (v) => ({ at: v.createdAt, id: v.jobId }));
  }
}
