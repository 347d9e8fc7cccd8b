import { GET_AUTHORIZATION_HISTORY } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Every change of an authorization, oldest first. */
export class GetAuthorizationHistory extends RequestQuery(GET_AUTHORIZATION_HISTORY) {}
