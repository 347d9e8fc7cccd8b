import { REMOVE_MEMBER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The Owner or an Admin removes a member (never the Owner). */
export class RemoveMember extends RequestCommand(REMOVE_MEMBER) {}
