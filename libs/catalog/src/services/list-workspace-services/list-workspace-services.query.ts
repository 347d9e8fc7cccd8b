import { LIST_WORKSPACE_SERVICES } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** An ISV workspace's services in every state, to its members, most recently changed first. */
export class ListWorkspaceServices extends RequestQuery(LIST_WORKSPACE_SERVICES) {}
