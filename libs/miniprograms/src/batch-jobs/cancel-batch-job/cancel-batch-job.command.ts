import { CANCEL_BATCH_JOB } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A member cancels a job: its PENDING items are SKIPPED; CANCELED. */
export class CancelBatchJob extends RequestCommand(CANCEL_BATCH_JOB) {}
