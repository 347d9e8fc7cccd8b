import { createHash, randomBytes } from 'node:crypto';

/**
 * What is kept of a random API key (an ingestion key, later upload keys), and what a presented key is looked up by:
 * its SHA-256. A key of 32 random bytes cannot be guessed from it, so a slow password hash would only cost every
 * request that presents one. The gateway hashes a presented key before it passes it on, so the key itself never
 * travels over Kafka.
 */
export const apiKeyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A new API key: a prefix that says what it is (secret scanners match it), then 32 random bytes. */
export const newApiKey = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;
