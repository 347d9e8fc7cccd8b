import { UPDATE_WEBHOOK } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Changes an endpoint's URL, event types, description, or enables or disables it. */
export class UpdateWebhook extends RequestCommand(UPDATE_WEBHOOK) {}
