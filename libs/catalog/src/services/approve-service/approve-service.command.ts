import { APPROVE_SERVICE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A reviewer approves a service under review: it, or its revision, goes ONLINE. */
export class ApproveService extends RequestCommand(APPROVE_SERVICE) {}
