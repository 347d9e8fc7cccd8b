import { GET_TEMPLATE } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A template's detail with its versions. */
export class GetTemplate extends RequestQuery(GET_TEMPLATE) {}
