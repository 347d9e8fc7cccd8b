import { START_SESSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Sign-in with a login and a password; answers tokens, so never kept for replay. */
export class StartSession extends RequestCommand(START_SESSION, { replayable: false }) {}
