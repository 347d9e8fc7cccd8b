import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AggregateStore } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE } from '@mpp/application';
import { normalizeEmail } from '../../credentials/identifiers';
import { PasswordHasher } from '../../credentials/password-hasher';
import { IdentityConfig, isStrongPassword } from '../../identity.config';
import { ACCOUNT_CLAIMS, IDENTITY_CONFIG, PASSWORD_HASHER } from '../../identity.tokens';
import { useVerificationCode } from '../../verification-codes/use-verification-code';
import { AccountClaims } from '../account-claims';
import { accountDecider, accountStreamId } from '../account.decider';
import { RegisterAccount } from './register-account.command';
import { emailTaken, usernameTaken, weakPassword } from '../../identity.errors';

@CommandHandler(RegisterAccount)
export class RegisterAccountHandler implements ICommandHandler<RegisterAccount> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(ACCOUNT_CLAIMS) private readonly claims: AccountClaims,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ payload, meta }: RegisterAccount) {
    if (payload.acceptTerms !== true) throw AppError.badInput('the Terms of Service must be accepted', [{ field: 'acceptTerms', message: 'must be true' }]);
    if (!isStrongPassword(payload.password)) throw weakPassword('password');
    const email = normalizeEmail(payload.email);
    // Only the owner of the address gets this far (the code was mailed there), so saying "taken" reveals nothing new.
    if (await this.claims.find('username', payload.username)) throw usernameTaken();
    await useVerificationCode(this.aggregates, this.hasher, 'SIGN_UP', email, payload.code, meta);
    if (await this.claims.find('email', email)) throw emailTaken('an account with this email exists; sign in or reset the password');

    const accountId = randomUUID();
    // Hashed before claiming: the claims and the account follow each other as closely as possible.
    const passwordHash = await this.hasher.hash(payload.password);
    await this.claims.claim('email', email, accountId, meta.correlationId);
    await this.claims.claim('username', payload.username, accountId, meta.correlationId);
    await this.aggregates.handle(
      accountDecider,
      accountStreamId(accountId),
      { type: 'RegisterAccount', accountId, email, username: payload.username, passwordHash, termsVersion: this.config.termsVersion },
      { metadata: { ...meta, actor: { accountId, platformRoles: [] } }, mustBeNew: true },
    );
    return { accountId };
  }
}
