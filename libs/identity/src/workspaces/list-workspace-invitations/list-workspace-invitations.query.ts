import { LIST_WORKSPACE_INVITATIONS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** One page of a workspace's invitations, for its Owner and Admins. */
export class ListWorkspaceInvitations extends RequestQuery(LIST_WORKSPACE_INVITATIONS) {}
