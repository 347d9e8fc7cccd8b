import type { IncomingMessage } from 'node:http';
import { RequestActor } from '@mpp/contracts';

// Kept beside the request rather than on it, so no global type augmentation is needed.
const actors = new WeakMap<IncomingMessage, RequestActor>();

export function setActor(req: IncomingMessage, actor: RequestActor): void {
  actors.set(req, actor);
}

/** The caller the JWT guard authenticated, if any (none on a public route called without a token). */
export function actorOf(req: IncomingMessage): RequestActor | undefined {
  return actors.get(req);
}
