import { CHECK_UPLOAD } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Asked before a package is streamed in: may the caller upload this version, and how large may it be? */
export class CheckUpload extends RequestQuery(CHECK_UPLOAD) {}
