import { GET_STATISTICS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A mini program's figures over a range of days, by day, ISO week or month (merchant members; ISVs with STATISTICS). */
export class GetStatistics extends RequestQuery(GET_STATISTICS) {}
