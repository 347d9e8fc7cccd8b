import { GET_ME } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The signed-in account and its workspaces. */
export class GetMe extends RequestQuery(GET_ME) {}
