import { APPROVE_ORDER_CLOSURE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The merchant approves the closure: COMPLETED, ending the authorization. */
export class ApproveOrderClosure extends RequestCommand(APPROVE_ORDER_CLOSURE) {}
