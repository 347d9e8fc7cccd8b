import { INVITE_MEMBER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The Owner or an Admin invites someone by email with a role, for 3 days. */
export class InviteMember extends RequestCommand(INVITE_MEMBER) {}
