import { GET_PAGE_STATISTICS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A mini program's most viewed pages over a range of days (merchant members; ISVs with STATISTICS). */
export class GetPageStatistics extends RequestQuery(GET_PAGE_STATISTICS) {}
