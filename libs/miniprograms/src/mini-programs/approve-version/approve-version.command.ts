import { APPROVE_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A reviewer approves a version in review: APPROVED (RELEASED when submitted with AUTO). */
export class ApproveVersion extends RequestCommand(APPROVE_VERSION) {}
