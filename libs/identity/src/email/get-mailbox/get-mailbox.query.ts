import { GET_MAILBOX } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The mails sent to an address (dev mailbox). */
export class GetMailbox extends RequestQuery(GET_MAILBOX) {}
