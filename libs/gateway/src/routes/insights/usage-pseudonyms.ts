import { createHmac } from 'node:crypto';

/** The longest user id a host app may send (DOMAIN.md 6); a longer one makes its event EVENT_INVALID. */
export const MAX_USAGE_USER_ID = 64;

/**
 * Replaces each event's `userId` by HMAC-SHA-256(key, userId), before the events leave the gateway: Kafka and the
 * usage log keep what they carry, and neither may hold the host app's own user ids. A `userId` that is not a user id
 * (not text, empty, too long) is removed, so insights refuses the event as malformed instead of counting a hash of
 * anything. Events that are not objects pass as they are, to be refused there one by one.
 */
export function pseudonymizeUsers(events: unknown[], key: string): unknown[] {
  // In place: the events are this request's own parsed body, and a copy of 500 of them costs more than the hashing.
  for (const event of events) {
    if (typeof event !== 'object' || event === null || Array.isArray(event) || !('userId' in event)) continue;
    const e = event as { userId?: unknown };
    if (typeof e.userId !== 'string' || e.userId.length === 0 || e.userId.length > MAX_USAGE_USER_ID) delete e.userId;
    else e.userId = createHmac('sha256', key).update(e.userId).digest('base64url');
  }
  return events;
}
