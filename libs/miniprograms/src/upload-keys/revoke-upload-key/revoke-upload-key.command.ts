import { REVOKE_UPLOAD_KEY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Revokes an upload key: it uploads nothing more. */
export class RevokeUploadKey extends RequestCommand(REVOKE_UPLOAD_KEY) {}
