import { LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The reviewers' queue, of one status or all, oldest first. */
export class ListWorkspaceApplicationsForReview extends RequestQuery(LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW) {}
