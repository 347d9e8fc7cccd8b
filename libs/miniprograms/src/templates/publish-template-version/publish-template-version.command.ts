import { PUBLISH_TEMPLATE_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A DRAFT template version published: from now on it never changes and may be applied. */
export class PublishTemplateVersion extends RequestCommand(PUBLISH_TEMPLATE_VERSION) {}
