import { END_SESSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Logout: the session is the caller's (meta.actor.sessionId). */
export class EndSession extends RequestCommand(END_SESSION) {}
