import { CHECK_TEMPLATE_UPLOAD } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Asked before a template package is streamed in: may the caller upload this template version, and how large may it be? */
export class CheckTemplateUpload extends RequestQuery(CHECK_TEMPLATE_UPLOAD) {}
