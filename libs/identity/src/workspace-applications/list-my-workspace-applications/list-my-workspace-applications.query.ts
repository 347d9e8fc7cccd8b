import { LIST_MY_WORKSPACE_APPLICATIONS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Every application of the caller with its decision, newest first. */
export class ListMyWorkspaceApplications extends RequestQuery(LIST_MY_WORKSPACE_APPLICATIONS) {}
