import { BatchJobChanges, BatchJobReads } from './batch-job-changes';
import { BatchJobRunner } from './batch-job-runner';
import { CancelBatchJob } from './cancel-batch-job/cancel-batch-job.command';
import { CancelBatchJobHandler } from './cancel-batch-job/cancel-batch-job.handler';
import { GetBatchJob } from './get-batch-job/get-batch-job.query';
import { GetBatchJobHandler } from './get-batch-job/get-batch-job.handler';
import { ListBatchJobItems } from './list-batch-job-items/list-batch-job-items.query';
import { ListBatchJobItemsHandler } from './list-batch-job-items/list-batch-job-items.handler';
import { ListWorkspaceBatchJobs } from './list-workspace-batch-jobs/list-workspace-batch-jobs.query';
import { ListWorkspaceBatchJobsHandler } from './list-workspace-batch-jobs/list-workspace-batch-jobs.handler';
import { PauseBatchJob } from './pause-batch-job/pause-batch-job.command';
import { PauseBatchJobHandler } from './pause-batch-job/pause-batch-job.handler';
import { ResumeBatchJob } from './resume-batch-job/resume-batch-job.command';
import { ResumeBatchJobHandler } from './resume-batch-job/resume-batch-job.handler';
import { RetryFailedBatchItems } from './retry-failed-batch-items/retry-failed-batch-items.command';
import { RetryFailedBatchItemsHandler } from './retry-failed-batch-items/retry-failed-batch-items.handler';
import { StartBatchJob } from './start-batch-job/start-batch-job.command';
import { StartBatchJobHandler } from './start-batch-job/start-batch-job.handler';

// The batch jobs slice as the service lists it: its request classes (miniprograms.service.ts) and its providers
// (miniprograms.module.ts), kept here so the slice joins the service in one line each.

export const BATCH_JOB_REQUESTS = [StartBatchJob, GetBatchJob, ListBatchJobItems, ListWorkspaceBatchJobs, PauseBatchJob, ResumeBatchJob, CancelBatchJob, RetryFailedBatchItems] as const;

export const BATCH_JOB_PROVIDERS = [
  BatchJobRunner,
  BatchJobChanges,
  BatchJobReads,
  StartBatchJobHandler,
  GetBatchJobHandler,
  ListBatchJobItemsHandler,
  ListWorkspaceBatchJobsHandler,
  PauseBatchJobHandler,
  ResumeBatchJobHandler,
  CancelBatchJobHandler,
  RetryFailedBatchItemsHandler,
];
