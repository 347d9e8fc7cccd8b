import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { PasswordHasher } from '../../credentials/password-hasher';
import { isStrongPassword } from '../../identity.config';
import { ACCOUNT_CLAIMS, PASSWORD_HASHER } from '../../identity.tokens';
import { useVerificationCode } from '../../verification-codes/use-verification-code';
import { AccountClaims } from '../account-claims';
import { accountDecider, accountStreamId } from '../account.decider';
import { ResetPassword } from './reset-password.command';
import { invalidCode, weakPassword } from '../../identity.errors';

/** A new password with a mailed code; every session of the account ends (their refresh is refused). */
@CommandHandler(ResetPassword)
export class ResetPasswordHandler implements ICommandHandler<ResetPassword> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(ACCOUNT_CLAIMS) private readonly claims: AccountClaims,
  ) {}

  async execute({ payload, meta }: ResetPassword) {
    if (!isStrongPassword(payload.newPassword)) throw weakPassword('newPassword');
    await useVerificationCode(this.aggregates, this.hasher, 'RESET_PASSWORD', payload.email, payload.code, meta);
    const accountId = await this.claims.find('email', payload.email);
    // A code for an address with no account: answered like a wrong code, so nothing tells the two apart.
    if (!accountId) throw invalidCode();
    await this.aggregates.handle(
      accountDecider,
      accountStreamId(accountId),
      { type: 'ResetPassword', passwordHash: await this.hasher.hash(payload.newPassword) },
      { metadata: meta },
    );
    return {};
  }
}
