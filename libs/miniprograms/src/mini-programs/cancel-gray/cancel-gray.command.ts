import { CANCEL_GRAY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A gray release canceled (RELEASE): APPROVED again. */
export class CancelGray extends RequestCommand(CANCEL_GRAY) {}
