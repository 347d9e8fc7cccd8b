import { LIST_WORKSPACE_BATCH_JOBS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** An ISV workspace's jobs, newest first. */
export class ListWorkspaceBatchJobs extends RequestQuery(LIST_WORKSPACE_BATCH_JOBS) {}
