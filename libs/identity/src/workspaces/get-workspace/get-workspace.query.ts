import { GET_WORKSPACE } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A workspace: its public part, or all of it for members. */
export class GetWorkspace extends RequestQuery(GET_WORKSPACE) {}
