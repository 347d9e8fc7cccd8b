import { REJECT_SERVICE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A reviewer turns down a service under review with the reason the ISV sees: TURNED_DOWN, editable again. */
export class RejectService extends RequestCommand(REJECT_SERVICE) {}
