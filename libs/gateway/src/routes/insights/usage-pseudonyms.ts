import { createHmac } from 'node:crypto';

/** The longest user id a host app may send (DOMAIN.md 6); a longer one makes its event EVENT_INVALID. */
export const MAX_USAGE_USER_ID = 64;

/**
 * The events with each `userId` replaced by HMAC-SHA-256(key, userId), before they leave the gateway: Kafka and the
 * usage log keep what they carry, and neither may hold the host app's own user ids. A `userId` that is not a user id
 * (not text, empty, too long) is removed, so insights refuses the event as malformed instead of counting a hash of
 * anything. Events that are not objects pass as they are, to be refused there one by one.
 */
export function pseudonymizeUsers(events: unknown[], key: string): unknown[] {
  return events.map((event) => {
    if (typeof event !== 'object' || event === null || Array.isArray(event) || !('userId' in event)) return event;
    const { userId, ...rest } = event as { userId: unknown };
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > MAX_USAGE_USER_ID) return rest;
    return { ...rest, userId: createHmac('sha256', key).update(userId).digest('base64url') };
  });
}
