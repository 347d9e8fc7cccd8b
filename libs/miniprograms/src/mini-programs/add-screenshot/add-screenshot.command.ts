import { ADD_SCREENSHOT } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A screenshot added (CONFIGURE) with an image the gateway checked and stored; at most 5. */
export class AddScreenshot extends RequestCommand(ADD_SCREENSHOT) {}
