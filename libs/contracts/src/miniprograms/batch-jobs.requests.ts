// Requests the gateway sends to miniprograms about batch jobs (DOMAIN.md 5 "Batch jobs", API.md "Batch jobs").
import type { Answers } from '../messaging/request-map';
import type { Page } from '../messaging/request';
import type { GrayPercent, ReleaseMode } from './miniprograms.requests';

export const START_BATCH_JOB = 'miniprograms.StartBatchJob';
export const GET_BATCH_JOB = 'miniprograms.GetBatchJob';
export const LIST_BATCH_JOB_ITEMS = 'miniprograms.ListBatchJobItems';
export const LIST_WORKSPACE_BATCH_JOBS = 'miniprograms.ListWorkspaceBatchJobs';
export const PAUSE_BATCH_JOB = 'miniprograms.PauseBatchJob';
export const RESUME_BATCH_JOB = 'miniprograms.ResumeBatchJob';
export const CANCEL_BATCH_JOB = 'miniprograms.CancelBatchJob';
export const RETRY_FAILED_BATCH_ITEMS = 'miniprograms.RetryFailedBatchItems';

export const BATCH_JOB_KINDS = ['APPLY_TEMPLATE', 'SUBMIT_REVIEW', 'RELEASE', 'ROLLBACK'] as const;
export type BatchJobKind = (typeof BATCH_JOB_KINDS)[number];
export const BATCH_JOB_STATUSES = ['RUNNING', 'PAUSED', 'CANCELED', 'COMPLETED', 'COMPLETED_WITH_FAILURES'] as const;
export type BatchJobStatus = (typeof BATCH_JOB_STATUSES)[number];
export const BATCH_ITEM_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'] as const;
export type BatchItemStatus = (typeof BATCH_ITEM_STATUSES)[number];
/** Why a job paused: its failure ratio was passed, the review quota ran out, or a member paused it. */
export type BatchJobPauseReason = 'FAILURE_RATIO' | 'QUOTA' | 'MEMBER';

/** At most this many mini programs in one job. */
export const MAX_BATCH_JOB_ITEMS = 1000;
export const BATCH_JOB_CONCURRENCY = { min: 1, max: 50, default: 10 } as const;
export const DEFAULT_MAX_FAILURE_RATIO = 0.1;

/** Listed mini programs, or every mini program made from the ISV's template (resolved when the job is created). */
export type BatchJobTargets = { miniProgramIds: string[]; templateId?: never } | { templateId: string; miniProgramIds?: never };

/** What each item does: APPLY_TEMPLATE {templateId, templateVersion, version}, SUBMIT_REVIEW {version, releaseMode}, RELEASE {version, grayPercent?}, ROLLBACK {}. */
export interface BatchJobParams {
  templateId?: string;
  templateVersion?: string;
  version?: string;
  releaseMode?: ReleaseMode;
  grayPercent?: GrayPercent;
}

export interface BatchJobOptions {
  concurrency: number;
  maxFailureRatio: number;
  dryRun: boolean;
}

export interface StartBatchJobPayload {
  workspaceId: string;
  kind: BatchJobKind;
  targets: BatchJobTargets;
  params: BatchJobParams;
  options?: Partial<BatchJobOptions>;
}

export interface BatchJobStarted {
  jobId: string;
  status: 'RUNNING';
  total: number;
}

export interface BatchJobRef {
  jobId: string;
}

export interface BatchJobCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  skipped: number;
}

export interface BatchJobView {
  jobId: string;
  workspaceId: string;
  kind: BatchJobKind;
  status: BatchJobStatus;
  pausedReason?: BatchJobPauseReason;
  dryRun: boolean;
  total: number;
  counts: BatchJobCounts;
  params: BatchJobParams;
  concurrency: number;
  maxFailureRatio: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface BatchJobItemView {
  miniProgramId: string;
  status: BatchItemStatus;
  /** A failed item's code and message: what a single request would have answered. */
  code?: string;
  message?: string;
  attempts: number;
}

export interface ListBatchJobItemsPayload extends BatchJobRef {
  status?: BatchItemStatus;
  limit: number;
  cursor?: string;
}

export interface ListWorkspaceBatchJobsPayload {
  workspaceId: string;
  limit: number;
  cursor?: string;
}

export interface BatchJobStatusReply {
  jobId: string;
  status: BatchJobStatus;
}

export interface BatchJobsRequests {
  [START_BATCH_JOB]: Answers<StartBatchJobPayload, BatchJobStarted>;
  [GET_BATCH_JOB]: Answers<BatchJobRef, BatchJobView>;
  [LIST_BATCH_JOB_ITEMS]: Answers<ListBatchJobItemsPayload, Page<BatchJobItemView>>;
  [LIST_WORKSPACE_BATCH_JOBS]: Answers<ListWorkspaceBatchJobsPayload, Page<BatchJobView>>;
  [PAUSE_BATCH_JOB]: Answers<BatchJobRef, BatchJobStatusReply>;
  [RESUME_BATCH_JOB]: Answers<BatchJobRef, BatchJobStatusReply>;
  [CANCEL_BATCH_JOB]: Answers<BatchJobRef, BatchJobStatusReply>;
  [RETRY_FAILED_BATCH_ITEMS]: Answers<BatchJobRef, BatchJobStatusReply>;
}
