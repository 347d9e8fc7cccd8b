import { RequestActor, RequestMeta } from '@mpp/contracts';
import { AppError } from '@mpp/platform';

/** The caller of a request, who must be signed in (the gateway lets unsigned calls through only to public routes). */
export function signedIn(meta: RequestMeta): RequestActor {
  if (!meta.actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'sign in first');
  return meta.actor;
}
