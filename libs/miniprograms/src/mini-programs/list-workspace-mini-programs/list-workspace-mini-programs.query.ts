import { LIST_WORKSPACE_MINI_PROGRAMS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A merchant workspace's mini programs, one page. */
export class ListWorkspaceMiniPrograms extends RequestQuery(LIST_WORKSPACE_MINI_PROGRAMS) {}
