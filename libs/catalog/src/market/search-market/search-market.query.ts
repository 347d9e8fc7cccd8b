import { SEARCH_MARKET } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The Service Market: ONLINE services by industry, type, host app and words in the name and description. */
export class SearchMarket extends RequestQuery(SEARCH_MARKET) {}
