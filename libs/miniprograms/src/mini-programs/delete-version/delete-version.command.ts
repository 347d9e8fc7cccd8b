import { DELETE_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A version still UPLOADED deleted (UPLOAD). */
export class DeleteVersion extends RequestCommand(DELETE_VERSION) {}
