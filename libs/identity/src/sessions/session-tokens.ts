import { randomUUID } from 'node:crypto';
import { RequestMeta, SessionTokens } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { signAccessToken } from '@mpp/platform';
import { newRefreshToken, refreshTokenHash } from '../credentials/identifiers';
import { IdentityConfig } from '../identity.config';
import { sessionDecider, sessionStreamId } from './session.decider';

/** The access token (JWT, short-lived) for an account in a session. */
export async function accessTokenFor(config: IdentityConfig, accountId: string, roles: string[], sessionId: string): Promise<SessionTokens['accessToken']> {
  return signAccessToken(config.jwtSecret, { accountId, roles, sessionId, expiresInSeconds: config.accessTokenTtlSeconds });
}

/** Starts a new session family and hands out its first token pair. */
export async function startSession(
  aggregates: AggregateStore,
  config: IdentityConfig,
  account: { accountId: string; platformRoles: string[] },
  meta: RequestMeta,
): Promise<SessionTokens> {
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken(sessionId);
  await aggregates.handle(
    sessionDecider,
    sessionStreamId(sessionId),
    {
      type: 'StartSession',
      sessionId,
      accountId: account.accountId,
      tokenHash: refreshTokenHash(refreshToken),
      expiresAt: new Date(Date.now() + config.refreshTokenTtlSeconds * 1000).toISOString(),
    },
    { metadata: { ...meta, actor: { accountId: account.accountId, platformRoles: account.platformRoles } }, mustBeNew: true },
  );
  return { accessToken: await accessTokenFor(config, account.accountId, account.platformRoles, sessionId), refreshToken, expiresIn: config.accessTokenTtlSeconds };
}
