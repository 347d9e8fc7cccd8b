import { GET_SERVICE } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** One service: in any state to its ISV's members and the reviewers, its online content to anyone signed in. */
export class GetService extends RequestQuery(GET_SERVICE) {}
