import { LIST_WEBHOOK_DELIVERIES } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** An endpoint's delivery log: each delivery with its attempts, newest first. */
export class ListWebhookDeliveries extends RequestQuery(LIST_WEBHOOK_DELIVERIES) {}
