import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { PasswordHasher } from '../../credentials/password-hasher';
import { IdentityConfig } from '../../identity.config';
import { ACCOUNT_CLAIMS, IDENTITY_CONFIG, PASSWORD_HASHER } from '../../identity.tokens';
import { AccountClaims } from '../../accounts/account-claims';
import { accountDecider, accountStreamId, LOGIN_FAILED } from '../../accounts/account.decider';
import { startSession } from '../session-tokens';
import { StartSession } from './start-session.command';
import { invalidCredentials } from '../../identity.errors';

/** Sign-in by email or username; 5 failures lock the account for 15 minutes; every refusal reads the same. */
@CommandHandler(StartSession)
export class StartSessionHandler implements ICommandHandler<StartSession> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(ACCOUNT_CLAIMS) private readonly claims: AccountClaims,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ payload, meta }: StartSession) {
    const accountId = await this.claims.find(payload.login.includes('@') ? 'email' : 'username', payload.login);
    if (!accountId) {
      // An unknown login costs the same time as a wrong password.
      await this.hasher.verify(payload.password, this.hasher.decoyHash());
      throw invalidCredentials();
    }
    const streamId = accountStreamId(accountId);
    const { state } = await this.aggregates.load(accountDecider, streamId);
    const passwordMatches = state.status === 'ACTIVE' && (await this.hasher.verify(payload.password, state.passwordHash));
    const result = await this.aggregates.handle(accountDecider, streamId, { type: 'RecordLoginAttempt', passwordMatches }, { metadata: meta });
    if (result.events.some((e) => e.type === LOGIN_FAILED) || result.state.status !== 'ACTIVE') throw invalidCredentials();
    return startSession(this.aggregates, this.config, result.state, meta);
  }
}
