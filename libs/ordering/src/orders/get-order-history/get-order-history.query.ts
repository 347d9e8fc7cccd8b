import { GET_ORDER_HISTORY } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Every step of an order, oldest first. */
export class GetOrderHistory extends RequestQuery(GET_ORDER_HISTORY) {}
