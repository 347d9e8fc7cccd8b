import { GET_ICON } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Which stored image is its icon, for a caller who may read the mini program. */
export class GetIcon extends RequestQuery(GET_ICON) {}
