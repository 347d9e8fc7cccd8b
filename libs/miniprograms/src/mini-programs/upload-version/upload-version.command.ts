import { UPLOAD_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A version uploaded (UPLOAD) with the package the gateway stored and checked: UPLOADED. */
export class UploadVersion extends RequestCommand(UPLOAD_VERSION) {}
