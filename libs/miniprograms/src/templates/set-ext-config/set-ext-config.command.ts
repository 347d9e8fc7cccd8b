import { SET_EXT_CONFIG } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The mini program's stored ext config for a template (CONFIGURE), checked against its newest PUBLISHED version. */
export class SetExtConfig extends RequestCommand(SET_EXT_CONFIG) {}
