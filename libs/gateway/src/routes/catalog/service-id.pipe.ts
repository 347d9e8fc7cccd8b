import { ResourceIdPipe } from '../workspaces/resource-id.pipe';

/** A path service id that cannot exist: 404 SERVICE_NOT_FOUND, as catalog answers for one it does not know. */
export const serviceIdPipe = new ResourceIdPipe('SERVICE_NOT_FOUND', 'no such service');
