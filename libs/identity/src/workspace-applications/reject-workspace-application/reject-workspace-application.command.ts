import { REJECT_WORKSPACE_APPLICATION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A reviewer rejects an application under review with the reason the applicant should fix. */
export class RejectWorkspaceApplication extends RequestCommand(REJECT_WORKSPACE_APPLICATION) {}
