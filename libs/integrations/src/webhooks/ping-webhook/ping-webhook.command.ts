import { PING_WEBHOOK } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A test delivery (webhook.ping) to one endpoint, whatever its event types. */
export class PingWebhook extends RequestCommand(PING_WEBHOOK) {}
