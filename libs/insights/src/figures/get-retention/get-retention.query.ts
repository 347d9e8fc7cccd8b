import { GET_RETENTION } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Retention of each day's new visitors on day 1, 7 and 30 (merchant members; ISVs with STATISTICS). */
export class GetRetention extends RequestQuery(GET_RETENTION) {}
