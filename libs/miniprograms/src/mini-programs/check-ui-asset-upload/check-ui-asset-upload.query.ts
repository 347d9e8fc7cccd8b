import { CHECK_UI_ASSET_UPLOAD } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Asked before an icon or screenshot is read: may the caller add it (CONFIGURE), and what must the image be? */
export class CheckUiAssetUpload extends RequestQuery(CHECK_UI_ASSET_UPLOAD) {}
