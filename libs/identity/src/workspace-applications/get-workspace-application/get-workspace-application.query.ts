import { GET_WORKSPACE_APPLICATION } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** One application, for its applicant or a reviewer. */
export class GetWorkspaceApplication extends RequestQuery(GET_WORKSPACE_APPLICATION) {}
