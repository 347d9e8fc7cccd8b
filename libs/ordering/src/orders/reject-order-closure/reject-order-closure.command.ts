import { REJECT_ORDER_CLOSURE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The merchant rejects the closure with a reason: back to IN_DEVELOPMENT. */
export class RejectOrderClosure extends RequestCommand(REJECT_ORDER_CLOSURE) {}
