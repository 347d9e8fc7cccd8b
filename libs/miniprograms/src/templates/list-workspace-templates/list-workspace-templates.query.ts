import { LIST_WORKSPACE_TEMPLATES } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** An ISV workspace's templates, one page. */
export class ListWorkspaceTemplates extends RequestQuery(LIST_WORKSPACE_TEMPLATES) {}
