import { RequestMeta, VerificationPurpose } from '@mpp/contracts';
import { AggregateStore } from '@mpp/eventsourcing';
import { digest, normalizeEmail } from '../credentials/identifiers';
import { PasswordHasher } from '../credentials/password-hasher';
import { VERIFICATION_CODE_ATTEMPT_FAILED, verificationCodeDecider, verificationCodeStreamId } from './verification-code.decider';
import { invalidCode } from '../identity.errors';

/** Checks a code against the one issued for (email, purpose) and uses it up; a wrong code counts a try and is refused. */
export async function useVerificationCode(
  aggregates: AggregateStore,
  hasher: PasswordHasher,
  purpose: VerificationPurpose,
  email: string,
  code: string,
  meta: RequestMeta,
): Promise<void> {
  const streamId = verificationCodeStreamId(purpose, digest(normalizeEmail(email)));
  const { state } = await aggregates.load(verificationCodeDecider, streamId);
  if (state.status !== 'ACTIVE') throw invalidCode();
  const matches = await hasher.verify(code, state.codeHash);
  const result = await aggregates.handle(verificationCodeDecider, streamId, { type: 'UseVerificationCode', matches }, { metadata: meta });
  if (result.events.some((e) => e.type === VERIFICATION_CODE_ATTEMPT_FAILED)) throw invalidCode();
}
