import { ACCEPT_ORDER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The ISV accepts a NEW order: PENDING_CONFIRMATION. */
export class AcceptOrder extends RequestCommand(ACCEPT_ORDER) {}
