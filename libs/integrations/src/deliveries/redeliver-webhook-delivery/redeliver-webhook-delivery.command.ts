import { REDELIVER_WEBHOOK_DELIVERY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Sends a delivery again, with the same webhook-id, in a new round of retries. */
export class RedeliverWebhookDelivery extends RequestCommand(REDELIVER_WEBHOOK_DELIVERY) {}
