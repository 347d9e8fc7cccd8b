import { BATCH_JOB_CANCELED, BATCH_JOB_COMPLETED, BATCH_JOB_PAUSED, BatchJobView } from '@mpp/contracts';
import { applyInOrder, Projection, RowBuffers, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import {
  BATCH_FAILED_ITEMS_RETRIED,
  BATCH_ITEM_FAILED,
  BATCH_ITEM_SKIPPED,
  BATCH_ITEM_SUCCEEDED,
  BATCH_ITEMS_STARTED,
  BATCH_JOB_RESUMED,
  BATCH_JOB_STARTED,
  BATCH_JOB_EVENT_TYPES,
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
  eventTypes: BATCH_JOB_EVENT_TYPES,
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
  apply: (tx, event, t) => applyInOrder(tx, batchJobsProjection, [event], t),
  // Set-based: a runner's step appends many item events to one job; a batch reads the job's row and the items it
  // touches in a statement each, changes them in memory in order, and writes each changed row once.
  applyBatch: applyEvents,
};

type ItemRow = { job_id: string; idx: number; mini_program_id: string; status: string; code: string | null; message: string | null; attempts: number };
type JobRow = Omit<BatchJobRow, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };

const JOB_PREFIX = 'BatchJob-';
/** The item indexes an event changes (a job's start creates its items, and reads none). */
const itemsOf = (event: BatchJobEvent): number[] => {
  switch (event.type) {
    case BATCH_ITEMS_STARTED:
    case BATCH_ITEM_SUCCEEDED:
    case BATCH_ITEM_FAILED:
    case BATCH_ITEM_SKIPPED:
      return [event.data.index];
    case BATCH_FAILED_ITEMS_RETRIED:
      return event.data.indexes;
    default:
      return [];
  }
};

async function applyEvents(tx: SqlClient, stored: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void> {
  const events = stored.filter((e) => e.streamId.startsWith(JOB_PREFIX)).map((e) => ({ jobId: e.streamId.slice(JOB_PREFIX.length), event: { type: e.type, data: e.data } as BatchJobEvent }));
  if (!events.length) return;
  const jobs = rows.of<JobRow>(t('batch_jobs'), ['job_id']);
  const items = rows.of<ItemRow>(t('batch_job_items'), ['job_id', 'idx']);
  await jobs.load(tx, [...new Set(events.map((e) => e.jobId))].map((job_id) => ({ job_id })));
  await items.load(tx, events.flatMap(({ jobId, event }) => itemsOf(event).map((idx) => ({ job_id: jobId, idx }))));
  for (const { jobId, event } of events) {
    if (event.type === BATCH_JOB_STARTED) {
      const { isvWorkspaceId, kind, params, options, miniProgramIds, createdBy, at } = event.data;
      if (jobs.get({ job_id: jobId })) continue;
      jobs.put({
        job_id: jobId, workspace_id: isvWorkspaceId, kind, status: 'RUNNING', paused_reason: null, dry_run: options.dryRun,
        total: miniProgramIds.length, pending: miniProgramIds.length, running: 0, succeeded: 0, failed: 0, skipped: 0,
        params, concurrency: options.concurrency, max_failure_ratio: options.maxFailureRatio, created_by: createdBy, created_at: at, updated_at: at,
      });
      miniProgramIds.forEach((id, idx) => items.put({ job_id: jobId, idx, mini_program_id: id, status: 'PENDING', code: null, message: null, attempts: 0 }));
      continue;
    }
    const job = jobs.get({ job_id: jobId });
    if (!job) continue;
    const item = (idx: number, change: Partial<ItemRow>) => {
      const row = items.get({ job_id: jobId, idx });
      if (row) items.put({ ...row, ...change });
    };
    const changed = (change: Partial<JobRow>) => jobs.put({ ...job, ...change, updated_at: event.data.at });
    switch (event.type) {
      case BATCH_ITEMS_STARTED:
        item(event.data.index, { status: 'RUNNING', attempts: event.data.attempt, code: null, message: null });
        changed({ pending: job.pending - 1, running: job.running + 1 });
        break;
      case BATCH_ITEM_SUCCEEDED:
        item(event.data.index, { status: 'SUCCEEDED' });
        changed({ running: job.running - 1, succeeded: job.succeeded + 1 });
        break;
      case BATCH_ITEM_FAILED:
        item(event.data.index, { status: 'FAILED', code: event.data.code, message: event.data.message });
        changed({ running: job.running - 1, failed: job.failed + 1 });
        break;
      case BATCH_ITEM_SKIPPED:
        item(event.data.index, { status: 'SKIPPED' });
        changed({ pending: job.pending - 1, skipped: job.skipped + 1 });
        break;
      case BATCH_FAILED_ITEMS_RETRIED:
        for (const idx of event.data.indexes) item(idx, { status: 'PENDING', code: null, message: null });
        changed({ status: 'RUNNING', paused_reason: null, failed: job.failed - event.data.indexes.length, pending: job.pending + event.data.indexes.length });
        break;
      case BATCH_JOB_PAUSED:
        changed({ status: 'PAUSED', paused_reason: event.data.reason });
        break;
      case BATCH_JOB_RESUMED:
        changed({ status: 'RUNNING', paused_reason: null });
        break;
      case BATCH_JOB_CANCELED:
        changed({ status: 'CANCELED', paused_reason: null });
        break;
      case BATCH_JOB_COMPLETED:
        changed({ status: event.data.status });
        break;
    }
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
