import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { familyOf, newRefreshToken, refreshTokenHash } from '../../credentials/identifiers';
import { IdentityConfig } from '../../identity.config';
import { IDENTITY_CONFIG } from '../../identity.tokens';
import { accountDecider, accountStreamId } from '../../accounts/account.decider';
import { accessTokenFor } from '../session-tokens';
import { SESSION_ENDED, sessionDecider, sessionStreamId } from '../session.decider';
import { RefreshSession } from './refresh-session.command';
import { invalidRefreshToken } from '../../identity.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Rotates the refresh token; a reused one ends the session for whoever holds any token of it. */
@CommandHandler(RefreshSession)
export class RefreshSessionHandler implements ICommandHandler<RefreshSession> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ payload, meta }: RefreshSession) {
    const sessionId = familyOf(payload.refreshToken);
    if (!UUID.test(sessionId)) throw invalidRefreshToken();
    const session = await this.aggregates.load(sessionDecider, sessionStreamId(sessionId));
    if (session.state.status !== 'ACTIVE') throw invalidRefreshToken();
    const { state: account } = await this.aggregates.load(accountDecider, accountStreamId(session.state.accountId));
    if (account.status !== 'ACTIVE') throw invalidRefreshToken();

    const refreshToken = newRefreshToken(sessionId);
    const result = await this.aggregates.handle(
      sessionDecider,
      sessionStreamId(sessionId),
      {
        type: 'RefreshSession',
        presentedHash: refreshTokenHash(payload.refreshToken),
        newHash: refreshTokenHash(refreshToken),
        expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000).toISOString(),
        sessionsValidAfter: account.sessionsValidAfter,
      },
      { metadata: { ...meta, actor: { accountId: account.accountId, platformRoles: account.platformRoles } } },
    );
    if (result.events.some((e) => e.type === SESSION_ENDED)) throw invalidRefreshToken();
    return { accessToken: await accessTokenFor(this.config, account.accountId, account.platformRoles, sessionId), refreshToken, expiresIn: this.config.accessTokenTtlSeconds };
  }
}
