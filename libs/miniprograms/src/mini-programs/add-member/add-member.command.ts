import { ADD_MINI_PROGRAM_MEMBER } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A developer or tester added (MEMBERS): an account of the acting workspace or of the merchant's. */
export class AddMember extends RequestCommand(ADD_MINI_PROGRAM_MEMBER) {}
