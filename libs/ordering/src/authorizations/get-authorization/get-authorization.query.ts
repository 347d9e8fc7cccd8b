import { GET_AUTHORIZATION } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** One authorization as its two parties see it. */
export class GetAuthorization extends RequestQuery(GET_AUTHORIZATION) {}
