import { SET_TRIAL } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A version made the trial version testers get (UPLOAD). */
export class SetTrial extends RequestCommand(SET_TRIAL) {}
