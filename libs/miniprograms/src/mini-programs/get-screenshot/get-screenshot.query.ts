import { GET_SCREENSHOT } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Which stored image one of its screenshots is, for a caller who may read the mini program. */
export class GetScreenshot extends RequestQuery(GET_SCREENSHOT) {}
