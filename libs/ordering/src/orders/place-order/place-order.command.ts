import { PLACE_ORDER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A merchant's Owner or Admin orders an ONLINE service (development or template) for one of its mini programs: NEW. */
export class PlaceOrder extends RequestCommand(PLACE_ORDER) {}
