import { LIST_WEBHOOKS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A workspace's endpoints (its Owner and Admins). */
export class ListWebhooks extends RequestQuery(LIST_WEBHOOKS) {}
