import { WITHDRAW_INVITATION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The Owner or an Admin withdraws a pending invitation. */
export class WithdrawInvitation extends RequestCommand(WITHDRAW_INVITATION) {}
