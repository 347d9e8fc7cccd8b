import { REMOVE_MINI_PROGRAM_MEMBER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A developer or tester removed (MEMBERS). */
export class RemoveMember extends RequestCommand(REMOVE_MINI_PROGRAM_MEMBER) {}
