import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { CodeVault } from '../../credentials/code-vault';
import { digest, newVerificationCode, normalizeEmail } from '../../credentials/identifiers';
import { PasswordHasher } from '../../credentials/password-hasher';
import { CODE_VAULT, PASSWORD_HASHER } from '../../identity.tokens';
import { RESEND_AFTER_MS, verificationCodeDecider, verificationCodeStreamId } from '../verification-code.decider';
import { RequestVerificationCode } from './request-verification-code.command';
import { codeRequestedTooSoon } from '../../identity.errors';

/**
 * Issues a code whether or not an account has the address, so the answer (202, or 429 within a minute)
 * never tells who is registered. The mailer sends it from the event.
 */
@CommandHandler(RequestVerificationCode)
export class RequestVerificationCodeHandler implements ICommandHandler<RequestVerificationCode> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(CODE_VAULT) private readonly vault: CodeVault,
  ) {}

  async execute({ payload, meta }: RequestVerificationCode) {
    const email = normalizeEmail(payload.email);
    const streamId = verificationCodeStreamId(payload.purpose, digest(email));
    // The once-a-minute refusal comes before the slow hash, so refused requests cost next to nothing.
    const { state } = await this.aggregates.load(verificationCodeDecider, streamId);
    if (state.status !== 'NONE' && Date.now() - Date.parse(state.issuedAt) < RESEND_AFTER_MS) throw codeRequestedTooSoon();
    const code = newVerificationCode();
    await this.aggregates.handle(
      verificationCodeDecider,
      streamId,
      { type: 'RequestVerificationCode', email, purpose: payload.purpose, codeHash: await this.hasher.hash(code), ...(await this.vault.seal(code)) },
      { metadata: meta },
    );
    return {};
  }
}
