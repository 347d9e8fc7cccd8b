import { DELETE_WEBHOOK } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Removes an endpoint; its pending deliveries are no longer sent. */
export class DeleteWebhook extends RequestCommand(DELETE_WEBHOOK) {}
