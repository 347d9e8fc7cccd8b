import { REQUEST_VERIFICATION_CODE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A 6-digit code mailed to an address, for signing up or resetting a password; never kept for replay, like every credential request. */
export class RequestVerificationCode extends RequestCommand(REQUEST_VERIFICATION_CODE, { replayable: false }) {}
