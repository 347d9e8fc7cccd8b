import { START_BATCH_JOB } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** An ISV member runs one step (APPLY_TEMPLATE, SUBMIT_REVIEW, RELEASE, ROLLBACK) across many mini programs: RUNNING. */
export class StartBatchJob extends RequestCommand(START_BATCH_JOB) {}
