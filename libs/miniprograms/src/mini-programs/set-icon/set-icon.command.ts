import { SET_ICON } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Its icon set or replaced (CONFIGURE) with an image the gateway checked and stored. */
export class SetIcon extends RequestCommand(SET_ICON) {}
