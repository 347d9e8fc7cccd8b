import { CONFIRM_ORDER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The merchant confirms an accepted order: IN_DEVELOPMENT, granting the ISV an authorization with the scopes given (all by default). */
export class ConfirmOrder extends RequestCommand(CONFIRM_ORDER) {}
