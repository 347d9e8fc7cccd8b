import { LIST_SERVICES_FOR_REVIEW } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The reviewers' queue: services and revisions of ONLINE services in a status (PENDING_REVIEW by default), oldest change first. */
export class ListServicesForReview extends RequestQuery(LIST_SERVICES_FOR_REVIEW) {}
