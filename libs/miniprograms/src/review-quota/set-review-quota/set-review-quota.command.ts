import { SET_REVIEW_QUOTA } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A platform operator sets a workspace's monthly review quota, from now on. */
export class SetReviewQuota extends RequestCommand(SET_REVIEW_QUOTA) {}
