import { COMPLETE_GRAY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A gray release widened to everyone (RELEASE): RELEASED. */
export class CompleteGray extends RequestCommand(COMPLETE_GRAY) {}
