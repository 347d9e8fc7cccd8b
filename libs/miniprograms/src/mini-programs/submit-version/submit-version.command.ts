import { SUBMIT_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A version submitted for review (SUBMIT_REVIEW), MANUAL or AUTO release: IN_REVIEW. */
export class SubmitVersion extends RequestCommand(SUBMIT_VERSION) {}
