import { LIST_VERSIONS_FOR_REVIEW } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The reviewers' queue: versions of a status across all mini programs. */
export class ListVersionsForReview extends RequestQuery(LIST_VERSIONS_FOR_REVIEW) {}
