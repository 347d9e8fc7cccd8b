import { CANCEL_ORDER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Either side cancels where DOMAIN.md lets it (a reason once IN_DEVELOPMENT): CANCELED, ending the authorization. */
export class CancelOrder extends RequestCommand(CANCEL_ORDER) {}
