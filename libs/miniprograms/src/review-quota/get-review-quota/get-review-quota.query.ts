import { GET_REVIEW_QUOTA } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A workspace's review quota and expedites this month (its members; platform operators). */
export class GetReviewQuota extends RequestQuery(GET_REVIEW_QUOTA) {}
