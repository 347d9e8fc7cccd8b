import { GET_MARKET_SERVICE } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The market's detail page: one ONLINE service with its ISV's public workspace information. */
export class GetMarketService extends RequestQuery(GET_MARKET_SERVICE) {}
