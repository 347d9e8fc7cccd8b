import { SUBMIT_SERVICE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The ISV submits its draft, turned-down or withdrawn service (or revision) for review: PENDING_REVIEW. */
export class SubmitService extends RequestCommand(SUBMIT_SERVICE) {}
