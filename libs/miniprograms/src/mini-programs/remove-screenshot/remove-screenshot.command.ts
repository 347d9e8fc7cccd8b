import { REMOVE_SCREENSHOT } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** One of its screenshots removed (CONFIGURE). */
export class RemoveScreenshot extends RequestCommand(REMOVE_SCREENSHOT) {}
