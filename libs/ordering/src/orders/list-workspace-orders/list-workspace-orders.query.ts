import { LIST_WORKSPACE_ORDERS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A workspace's orders, as merchant or ISV, most recently changed first. */
export class ListWorkspaceOrders extends RequestQuery(LIST_WORKSPACE_ORDERS) {}
