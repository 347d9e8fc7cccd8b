import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Emails compare case-insensitively: stored and looked up in this form. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const normalizeUsername = (username: string) => username.trim().toLowerCase();

/** Stream ids carry a digest, not the address itself: ids show up in logs and operator output. */
export const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 40);

/** A 6-digit verification code, uniformly random. */
export const newVerificationCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** A refresh token: the session family id and 32 random bytes. Only its SHA-256 is stored (it has full entropy). */
export const newRefreshToken = (familyId: string) => `${familyId}.${randomBytes(32).toString('base64url')}`;
export const refreshTokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');
export const familyOf = (token: string) => token.split('.')[0];
