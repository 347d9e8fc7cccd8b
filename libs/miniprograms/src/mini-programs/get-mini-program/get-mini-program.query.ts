import { GET_MINI_PROGRAM } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A mini program's detail. */
export class GetMiniProgram extends RequestQuery(GET_MINI_PROGRAM) {}
