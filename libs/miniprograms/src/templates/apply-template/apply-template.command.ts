import { APPLY_TEMPLATE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A PUBLISHED template version applied to a mini program (UPLOAD): a new UPLOADED version with the template's package. */
export class ApplyTemplate extends RequestCommand(APPLY_TEMPLATE) {}
