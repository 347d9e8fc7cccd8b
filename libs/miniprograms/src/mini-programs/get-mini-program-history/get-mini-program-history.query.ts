import { GET_MINI_PROGRAM_HISTORY } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** Every transition of a mini program and its versions. */
export class GetMiniProgramHistory extends RequestQuery(GET_MINI_PROGRAM_HISTORY) {}
