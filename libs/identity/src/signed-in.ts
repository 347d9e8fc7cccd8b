import { RequestActor, RequestMeta } from '@mpp/contracts';
import { AppError } from '@mpp/platform';

/** The caller, who must be signed in (the gateway guarantees it; a request from elsewhere is refused). */
export function signedIn(meta: RequestMeta): RequestActor {
  if (!meta.actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'sign in first');
  return meta.actor;
}
