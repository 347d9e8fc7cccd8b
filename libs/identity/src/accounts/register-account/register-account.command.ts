import { REGISTER_ACCOUNT } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Sign-up with a mailed SIGN_UP code; holds a password and a code, so never kept for replay. */
export class RegisterAccount extends RequestCommand(REGISTER_ACCOUNT, { replayable: false }) {}
