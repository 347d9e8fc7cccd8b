import { LIST_WORKSPACE_EVENTS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A workspace's event feed after a cursor, oldest first (its members). */
export class ListWorkspaceEvents extends RequestQuery(LIST_WORKSPACE_EVENTS) {}
