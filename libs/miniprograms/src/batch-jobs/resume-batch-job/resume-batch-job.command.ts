import { RESUME_BATCH_JOB } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A PAUSED job runs its PENDING items again: RUNNING. */
export class ResumeBatchJob extends RequestCommand(RESUME_BATCH_JOB) {}
