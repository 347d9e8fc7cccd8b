import { DEPRECATE_TEMPLATE_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A PUBLISHED template version deprecated: no longer applied; copies already made keep running. */
export class DeprecateTemplateVersion extends RequestCommand(DEPRECATE_TEMPLATE_VERSION) {}
