import { RETRY_FAILED_BATCH_ITEMS } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The FAILED items back to PENDING, each as a new attempt, and the job RUNNING again. */
export class RetryFailedBatchItems extends RequestCommand(RETRY_FAILED_BATCH_ITEMS) {}
