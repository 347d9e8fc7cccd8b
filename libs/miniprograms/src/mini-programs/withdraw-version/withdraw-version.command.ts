import { WITHDRAW_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A submission withdrawn before a decision (SUBMIT_REVIEW): UPLOADED again. */
export class WithdrawVersion extends RequestCommand(WITHDRAW_VERSION) {}
