import { CREATE_UPLOAD_KEY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A key for a CI to upload versions of one mini program, answered once. Never replayed for an Idempotency-Key: the command log would keep the key in the clear. */
export class CreateUploadKey extends RequestCommand(CREATE_UPLOAD_KEY, { replayable: false }) {}
