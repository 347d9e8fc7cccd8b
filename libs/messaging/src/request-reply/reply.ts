import { Reply } from '@mpp/contracts';
import { AppError } from '@mpp/platform';

/** The result of a reply, or its refusal thrown as the AppError it was. */
export function unwrapReply<Result>(reply: Reply): Result {
  if (reply.ok) return reply.result as Result;
  throw AppError.fromBody(reply.error);
}
