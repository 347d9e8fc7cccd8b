import { UPLOAD_TEMPLATE_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A template version uploaded with the package the gateway stored and checked: DRAFT. */
export class UploadTemplateVersion extends RequestCommand(UPLOAD_TEMPLATE_VERSION) {}
