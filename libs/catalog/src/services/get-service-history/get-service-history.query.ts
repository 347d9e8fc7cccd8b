import { GET_SERVICE_HISTORY } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Every transition of a service with who, when and why, oldest first: to its ISV's members and the reviewers. */
export class GetServiceHistory extends RequestQuery(GET_SERVICE_HISTORY) {}
