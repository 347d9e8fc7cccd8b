import { PAUSE_BATCH_JOB } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A member pauses a RUNNING job: PAUSED (reason MEMBER); items under way finish, PENDING ones wait. */
export class PauseBatchJob extends RequestCommand(PAUSE_BATCH_JOB) {}
