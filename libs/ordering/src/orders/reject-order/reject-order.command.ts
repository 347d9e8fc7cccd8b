import { REJECT_ORDER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The ISV rejects a NEW order with a reason: REJECTED. */
export class RejectOrder extends RequestCommand(REJECT_ORDER) {}
