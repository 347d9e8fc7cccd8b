import { REJECT_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A reviewer rejects a version in review with a reason: REJECTED. */
export class RejectVersion extends RequestCommand(REJECT_VERSION) {}
