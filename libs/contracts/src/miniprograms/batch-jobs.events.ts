// miniprograms' public events about batch jobs (DOMAIN.md 5), on miniprograms.events (schema version 1): what a
// webhook or an event feed tells an ISV (batch_job.paused, batch_job.completed). A job's other events stay inside.
import type { BatchJobCounts, BatchJobKind, BatchJobPauseReason } from './batch-jobs.requests';

export const BATCH_JOB_PAUSED = 'miniprograms.BatchJobPaused';
export const BATCH_JOB_CANCELED = 'miniprograms.BatchJobCanceled';
export const BATCH_JOB_COMPLETED = 'miniprograms.BatchJobCompleted';

interface BatchJobEventV1 {
  jobId: string;
  /** The ISV workspace that runs it (whose webhooks hear of it). */
  isvWorkspaceId: string;
  kind: BatchJobKind;
  dryRun: boolean;
  total: number;
  /** The items' counts after the event. */
  counts: BatchJobCounts;
  at: string;
}

/** The failure ratio was passed, the review quota ran out, or a member (`by`) paused it; PENDING items wait. */
export interface BatchJobPausedV1 extends BatchJobEventV1 {
  reason: BatchJobPauseReason;
  by?: string;
}

/** A member canceled it; its PENDING items were SKIPPED. */
export interface BatchJobCanceledV1 extends BatchJobEventV1 {
  by: string;
}

/** Every item finished: COMPLETED when none failed, else COMPLETED_WITH_FAILURES. */
export interface BatchJobCompletedV1 extends BatchJobEventV1 {
  status: 'COMPLETED' | 'COMPLETED_WITH_FAILURES';
}

export const BATCH_JOB_PUBLIC_EVENTS: readonly string[] = [BATCH_JOB_PAUSED, BATCH_JOB_CANCELED, BATCH_JOB_COMPLETED];
