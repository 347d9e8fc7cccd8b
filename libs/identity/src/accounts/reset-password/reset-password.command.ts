import { RESET_PASSWORD } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A new password with a mailed RESET_PASSWORD code; holds both, so never kept for replay. */
export class ResetPassword extends RequestCommand(RESET_PASSWORD, { replayable: false }) {}
