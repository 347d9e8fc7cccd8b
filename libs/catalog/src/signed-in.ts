import { RequestActor, RequestMeta } from '@mpp/contracts';
import { AppError } from '@mpp/platform';

/** The caller, who must be signed in. */
export function signedIn(meta: RequestMeta): RequestActor {
  if (!meta.actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'sign in first');
  return meta.actor;
}
