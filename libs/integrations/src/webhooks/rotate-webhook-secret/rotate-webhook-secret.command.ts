import { ROTATE_WEBHOOK_SECRET } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A new signing secret, answered once; the old one keeps signing for 24 hours. Never replayed (the secret). */
export class RotateWebhookSecret extends RequestCommand(ROTATE_WEBHOOK_SECRET, { replayable: false }) {}
