import { DECLINE_INVITATION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The invitee declines. */
export class DeclineInvitation extends RequestCommand(DECLINE_INVITATION) {}
