import { SET_DOMAINS } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Its server and web-view domains set (CONFIGURE); each list replaces the one before. */
export class SetDomains extends RequestCommand(SET_DOMAINS) {}
