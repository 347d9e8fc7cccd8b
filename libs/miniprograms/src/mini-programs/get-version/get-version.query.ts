import { GET_VERSION } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** One version of a mini program. */
export class GetVersion extends RequestQuery(GET_VERSION) {}
