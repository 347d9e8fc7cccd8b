import { SUBMIT_WORKSPACE_APPLICATION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The signed-in user applies for an ISV or MERCHANT workspace: UNDER_REVIEW. */
export class SubmitWorkspaceApplication extends RequestCommand(SUBMIT_WORKSPACE_APPLICATION) {}
