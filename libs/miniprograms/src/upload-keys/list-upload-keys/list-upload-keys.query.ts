import { LIST_UPLOAD_KEYS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The mini program's upload keys the caller's side made (all of them for the merchant), revoked and expired ones too. */
export class ListUploadKeys extends RequestQuery(LIST_UPLOAD_KEYS) {}
