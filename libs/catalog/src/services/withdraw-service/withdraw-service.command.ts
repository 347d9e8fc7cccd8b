import { WITHDRAW_SERVICE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The ISV withdraws its service (or revision) from review: WITHDRAWN, editable again. */
export class WithdrawService extends RequestCommand(WITHDRAW_SERVICE) {}
