import { EventStore, UniqueClaims } from '@mpp/eventsourcing';
import { digest, normalizeEmail, normalizeUsername } from '../credentials/identifiers';
import { accountStreamId } from './account.decider';
import { emailTaken, usernameTaken } from '../identity.errors';

type Kind = 'email' | 'username';

const streamOf = (kind: Kind, value: string) =>
  kind === 'email' ? `AccountEmail-${digest(normalizeEmail(value))}` : `AccountUsername-${digest(normalizeUsername(value))}`;

/** A claim is left alone while its sign-up may still be finishing; one that never became an account is taken over. */
const STALE_CLAIM_MS = 60_000;

/**
 * Email and username are unique, case-insensitively: each is claimed through a stream named after it (see
 * UniqueClaims). The same streams answer "which account has this login".
 */
export class AccountClaims {
  private readonly claims: UniqueClaims;

  constructor(private readonly store: EventStore) {
    this.claims = new UniqueClaims(store, { claimed: 'identity.AccountIdentifierClaimed', released: 'identity.AccountIdentifierReleased', holderKey: 'accountId' });
  }

  /** The account holding this login, if that account exists (a claim whose sign-up failed holds nothing). */
  async find(kind: Kind, value: string): Promise<string | undefined> {
    const holder = await this.claims.holder(streamOf(kind, value));
    return holder && (await this.accountExists(holder.holderId)) ? holder.holderId : undefined;
  }

  /** Claims it for the account, or refuses with EMAIL_TAKEN / USERNAME_TAKEN. */
  async claim(kind: Kind, value: string, accountId: string, correlationId: string): Promise<void> {
    const held = await this.claims.claim(streamOf(kind, value), accountId, correlationId, async (holder) => Date.now() - holder.claimedAt < STALE_CLAIM_MS || this.accountExists(holder.holderId));
    if (!held) throw kind === 'email' ? emailTaken() : usernameTaken();
  }

  private async accountExists(accountId: string): Promise<boolean> {
    return (await this.store.readStream(accountStreamId(accountId), { limit: 1 })).length > 0;
  }
}
