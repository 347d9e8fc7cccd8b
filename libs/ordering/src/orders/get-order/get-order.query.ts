import { GET_ORDER } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** One order now, or as it was at a time or version (`at`, `version`). */
export class GetOrder extends RequestQuery(GET_ORDER) {}
