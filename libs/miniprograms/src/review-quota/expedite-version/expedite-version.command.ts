import { EXPEDITE_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A version IN_REVIEW goes to the front of the reviewers' queue (SUBMIT_REVIEW), for one of the month's expedites. */
export class ExpediteVersion extends RequestCommand(EXPEDITE_VERSION) {}
