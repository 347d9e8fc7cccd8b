import { APPROVE_WORKSPACE_APPLICATION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A reviewer approves an application under review: the workspace exists, the applicant its Owner. */
export class ApproveWorkspaceApplication extends RequestCommand(APPROVE_WORKSPACE_APPLICATION) {}
