import { SET_BUSINESS_PARAMS } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Its business parameters set (CONFIGURE). */
export class SetBusinessParams extends RequestCommand(SET_BUSINESS_PARAMS) {}
