import { REQUEST_ORDER_CLOSURE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The ISV says the work is done: UNDER_APPROVAL. */
export class RequestOrderClosure extends RequestCommand(REQUEST_ORDER_CLOSURE) {}
