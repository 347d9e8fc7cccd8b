import { GET_WORKSPACE_LOGO } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A workspace's logo, uploaded or generated (public). */
export class GetWorkspaceLogo extends RequestQuery(GET_WORKSPACE_LOGO) {}
