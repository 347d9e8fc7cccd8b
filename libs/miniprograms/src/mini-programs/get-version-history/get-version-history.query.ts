import { GET_VERSION_HISTORY } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Every transition of one version. */
export class GetVersionHistory extends RequestQuery(GET_VERSION_HISTORY) {}
