import { ACCEPT_INVITATION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The invitee accepts: a member with the invitation's role. */
export class AcceptInvitation extends RequestCommand(ACCEPT_INVITATION) {}
