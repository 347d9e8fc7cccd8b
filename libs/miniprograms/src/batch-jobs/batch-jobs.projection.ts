import { BATCH_JOB_CANCELED, BATCH_JOB_COMPLETED, BATCH_JOB_PAUSED, BatchJobView } from '@mpp/contracts';
import { Projection, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import {
  BATCH_FAILED_ITEMS_RETRIED,
  BATCH_ITEM_FAILED,
  BATCH_ITEM_SKIPPED,
  BATCH_ITEM_SUCCEEDED,
  BATCH_ITEMS_STARTED,
  BATCH_JOB_RESUMED,
  BATCH_JOB_STARTED,
  BatchJobEvent,
} from './batch-job.decider';

/**
 * Every batch job with its items' counts kept in its row (so reading a job is one row by key, however many items it
 * has and however fast they change), and every item with its outcome, for the item list and the runner's look-out
 * for jobs to drive.
 */
export const batchJobsProjection: Projection = {
  name: 'batch-jobs',
  source: 'store',
  tables: ['batch_jobs', 'batch_job_items'],
  schema: (t) => `
    CREATE TABLE ${t('batch_jobs')} (
      job_id text PRIMARY KEY, workspace_id text NOT NULL, kind text NOT NULL, status text NOT NULL, paused_reason text, dry_run boolean NOT NULL,
      total int NOT NULL, pending int NOT NULL, running int NOT NULL, succeeded int NOT NULL, failed int NOT NULL, skipped int NOT NULL,
      params jsonb NOT NULL, concurrency int NOT NULL, max_failure_ratio float8 NOT NULL, created_by text NOT NULL,
      created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL
    );
    CREATE INDEX ON ${t('batch_jobs')} (workspace_id, created_at DESC, job_id DESC);
    CREATE INDEX ON ${t('batch_jobs')} (status);
    CREATE TABLE ${t('batch_job_items')} (
      job_id text NOT NULL, idx int NOT NULL, mini_program_id text NOT NULL, status text NOT NULL, code text, message text, attempts int NOT NULL,
      PRIMARY KEY (job_id, idx)
    );
    CREATE INDEX ON ${t('batch_job_items')} (job_id, status, idx);`,
  apply: (tx, event, t) => applyEvent(tx, event, t),
};

async function applyEvent(tx: SqlClient, stored: StoredEvent, t: TableNames): Promise<void> {
  if (!stored.streamId.startsWith('BatchJob-')) return;
  const event = { type: stored.type, data: stored.data } as BatchJobEvent;
  const jobId = stored.streamId.slice('BatchJob-'.length);
  const item = (set: string, params: unknown[]) => tx.query(`UPDATE ${t('batch_job_items')} SET ${set} WHERE job_id = $1 AND idx = $2`, [jobId, ...params]);
  const job = (set: string, params: unknown[] = []) => tx.query(`UPDATE ${t('batch_jobs')} SET ${set}, updated_at = $2 WHERE job_id = $1`, [jobId, event.data.at, ...params]);
  switch (event.type) {
    case BATCH_JOB_STARTED: {
      const { isvWorkspaceId, kind, params, options, miniProgramIds, createdBy, at } = event.data;
      await tx.query(
        `INSERT INTO ${t('batch_jobs')} (job_id, workspace_id, kind, status, dry_run, total, pending, running, succeeded, failed, skipped, params, concurrency, max_failure_ratio, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, 'RUNNING', $4, $5, $5, 0, 0, 0, 0, $6::jsonb, $7, $8, $9, $10, $10) ON CONFLICT DO NOTHING`,
        [jobId, isvWorkspaceId, kind, options.dryRun, miniProgramIds.length, JSON.stringify(params), options.concurrency, options.maxFailureRatio, createdBy, at],
      );
      await tx.query(
        `INSERT INTO ${t('batch_job_items')} (job_id, idx, mini_program_id, status, attempts)
         SELECT $1, (u.n - 1)::int, u.id, 'PENDING', 0 FROM unnest($2::text[]) WITH ORDINALITY AS u(id, n) ON CONFLICT DO NOTHING`,
        [jobId, miniProgramIds],
      );
      return;
    }
    case BATCH_ITEMS_STARTED:
      await item(`status = 'RUNNING', attempts = $3, code = NULL, message = NULL`, [event.data.index, event.data.attempt]);
      await job(`pending = pending - 1, running = running + 1`);
      return;
    case BATCH_ITEM_SUCCEEDED:
      await item(`status = 'SUCCEEDED'`, [event.data.index]);
      await job(`running = running - 1, succeeded = succeeded + 1`);
      return;
    case BATCH_ITEM_FAILED:
      await item(`status = 'FAILED', code = $3, message = $4`, [event.data.index, event.data.code, event.data.message]);
      await job(`running = running - 1, failed = failed + 1`);
      return;
    case BATCH_ITEM_SKIPPED:
      await item(`status = 'SKIPPED'`, [event.data.index]);
      await job(`pending = pending - 1, skipped = skipped + 1`);
      return;
    case BATCH_FAILED_ITEMS_RETRIED:
      await tx.query(`UPDATE ${t('batch_job_items')} SET status = 'PENDING', code = NULL, message = NULL WHERE job_id = $1 AND idx = ANY($2::int[])`, [jobId, event.data.indexes]);
      await job(`status = 'RUNNING', paused_reason = NULL, failed = failed - $3, pending = pending + $3`, [event.data.indexes.length]);
      return;
    case BATCH_JOB_PAUSED:
      await job(`status = 'PAUSED', paused_reason = $3`, [event.data.reason]);
      return;
    case BATCH_JOB_RESUMED:
      await job(`status = 'RUNNING', paused_reason = NULL`);
      return;
    case BATCH_JOB_CANCELED:
      await job(`status = 'CANCELED', paused_reason = NULL`);
      return;
    case BATCH_JOB_COMPLETED:
      await job(`status = $3`, [event.data.status]);
      return;
  }
}

/** The columns a job's view is read from, and the view. */
export const BATCH_JOB_COLUMNS = `job_id, workspace_id, kind, status, paused_reason, dry_run, total, pending, running, succeeded, failed, skipped, params, concurrency, max_failure_ratio, created_by, created_at, updated_at`;

export interface BatchJobRow {
  job_id: string;
  workspace_id: string;
  kind: BatchJobView['kind'];
  status: BatchJobView['status'];
  paused_reason: BatchJobView['pausedReason'] | null;
  dry_run: boolean;
  total: number;
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  skipped: number;
  params: BatchJobView['params'];
  concurrency: number;
  max_failure_ratio: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const batchJobView = (r: BatchJobRow): BatchJobView => ({
  jobId: r.job_id,
  workspaceId: r.workspace_id,
  kind: r.kind,
  status: r.status,
  ...(r.paused_reason ? { pausedReason: r.paused_reason } : {}),
  dryRun: r.dry_run,
  total: r.total,
  counts: { pending: r.pending, running: r.running, succeeded: r.succeeded, failed: r.failed, skipped: r.skipped },
  params: r.params,
  concurrency: r.concurrency,
  maxFailureRatio: r.max_failure_ratio,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
