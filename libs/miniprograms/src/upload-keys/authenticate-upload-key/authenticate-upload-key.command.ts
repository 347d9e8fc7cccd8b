import { AUTHENTICATE_UPLOAD_KEY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The gateway asks whose upload a presented key makes, before it reads the upload; notes the key's use. */
export class AuthenticateUploadKey extends RequestCommand(AUTHENTICATE_UPLOAD_KEY) {}
