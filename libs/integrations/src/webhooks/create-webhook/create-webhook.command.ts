import { CREATE_WEBHOOK } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** An Owner or Admin registers an endpoint; its signing secret is answered once. Never replayed for an Idempotency-Key: the command log would keep the secret in the clear. */
export class CreateWebhook extends RequestCommand(CREATE_WEBHOOK, { replayable: false }) {}
