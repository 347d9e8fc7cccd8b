import { BRING_ONLINE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** An OFFLINE mini program brought back online (RELEASE). */
export class BringOnline extends RequestCommand(BRING_ONLINE) {}
