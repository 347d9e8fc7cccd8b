import { TAKE_OFFLINE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** An ONLINE mini program taken offline (RELEASE). */
export class TakeOffline extends RequestCommand(TAKE_OFFLINE) {}
