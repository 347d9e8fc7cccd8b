import { LIST_WORKSPACE_MEMBERS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** One page of a workspace's members, for its members. */
export class ListWorkspaceMembers extends RequestQuery(LIST_WORKSPACE_MEMBERS) {}
