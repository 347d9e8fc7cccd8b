import { LIST_MINI_PROGRAM_MEMBERS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A mini program's developers and testers. */
export class ListMembers extends RequestQuery(LIST_MINI_PROGRAM_MEMBERS) {}
