import { randomUUID } from 'node:crypto';
import { AggregateStore } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AccountClaims } from '../accounts/account-claims';
import { accountDecider, accountStreamId } from '../accounts/account.decider';
import { normalizeEmail } from '../credentials/identifiers';
import { PasswordHasher } from '../credentials/password-hasher';
import { isStrongPassword } from '../identity.config';
import { usernameTaken } from '../identity.errors';

export interface StaffMember {
  email: string;
  role: string;
  /** Needed when the account does not exist yet. */
  password?: string;
  username?: string;
}

/**
 * Makes an account platform staff (REVIEWER or OPERATOR), creating it when the email has none. Staff never
 * come from public sign-up: from PLATFORM_BOOTSTRAP_REVIEWER at boot, or `ops staff add`. Safe to repeat.
 */
export async function addStaffMember(
  aggregates: AggregateStore,
  claims: AccountClaims,
  hasher: PasswordHasher,
  member: StaffMember,
  termsVersion: string,
): Promise<{ accountId: string; created: boolean }> {
  const email = normalizeEmail(member.email);
  const correlationId = `staff-${randomUUID()}`;
  const metadata = { correlationId };
  let accountId = await claims.find('email', email);
  const created = !accountId;
  if (!accountId) {
    if (!member.password || !isStrongPassword(member.password)) throw AppError.badInput('a new staff account needs a password of at least 8 characters with letters and digits');
    let username = member.username ?? email.split('@')[0].replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 24);
    // Checked before the email is claimed, so a taken username never strands the address. A derived one that
    // someone took gets a suffix: a public sign-up must not be able to stop the bootstrap reviewer.
    if (await claims.find('username', username)) {
      if (member.username) throw usernameTaken(`the username ${username} is taken; pass another`);
      username = `${username}-${randomUUID().slice(0, 6)}`;
    }
    const passwordHash = await hasher.hash(member.password);
    accountId = randomUUID();
    await claims.claim('email', email, accountId, correlationId);
    await claims.claim('username', username, accountId, correlationId);
    await aggregates.handle(
      accountDecider,
      accountStreamId(accountId),
      { type: 'RegisterAccount', accountId, email, username, passwordHash, termsVersion },
      { metadata, mustBeNew: true },
    );
  }
  await aggregates.handle(accountDecider, accountStreamId(accountId), { type: 'GrantPlatformRole', role: member.role }, { metadata });
  return { accountId, created };
}
